"""An upload request over planning/limits.py's UPLOAD_REQUEST_MAX_BYTES is refused (400) before
its body is read; Django's own limits (DATA_UPLOAD_MAX_MEMORY_SIZE) leave files out.

First of FILE_UPLOAD_HANDLERS (config/settings.py): it looks at the declared length, and counts
what actually arrives, so a request that under-declares its length is stopped too.
"""

from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler

from planning.limits import UPLOAD_REQUEST_MAX_BYTES


class UploadSizeLimit(FileUploadHandler):
    def too_big(self) -> RequestDataTooBig:
        return RequestDataTooBig(
            f"Upload larger than {UPLOAD_REQUEST_MAX_BYTES} bytes (planning/limits.py)"
        )

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        if content_length > UPLOAD_REQUEST_MAX_BYTES:
            raise self.too_big()
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > UPLOAD_REQUEST_MAX_BYTES:
            raise self.too_big()
        return raw_data  # the next handler keeps it

    def file_complete(self, file_size):
        return None  # the next handler makes the file
