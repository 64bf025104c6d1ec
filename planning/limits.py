"""Every limit on what a study holds and what a request or a study file may carry, in one place.

The models (max_length and a named length constraint per text), the forms, the study-file
reader (studyfile/schema.py), the upload handling (config/settings.py, config/uploads.py) and
the README's "Limits" table read these numbers; change them here and make the migrations.
Plain numbers, importing nothing: config/settings.py reads them too. The database's side of
the text limits is planning/constraints.py.
"""

# Characters of a text, after normalising (planning/text.py).
ITEM_TEXT_MAX = 2_000  # a factor's, a strategy's or an action's text
NOTE_MAX = 1_000  # a factor's or a strategy's note
STUDY_SOURCE_MAX = 2_000  # a study's source citation
# A study's title (300), city (120) and subject (300) are CharFields with their own
# max_length in swot/models.py; its slug's is here, for the URL converter too.
STUDY_SLUG_MAX = 80  # characters (Persian letters allowed): 80 × 6 bytes percent-encoded

# Counts in one study (codes run 1..n, so these also bound the numbers).
FACTORS_PER_KIND_MAX = 1_500  # generate_study's largest scale (100×) has 1,300 strengths
STRATEGIES_PER_QUADRANT_MAX = 1_500
ACTIONS_MAX = 5_000  # in a study file; 100× Mashhad has 3,600
ACTIONS_PER_PROGRAM_MAX = 999
# Lines pasted into one "Add a factor" or "new action" form, each a new item (planning/paste.py).
PASTE_LINES_MAX = 200

# A study file.
STUDY_FILE_MAX_BYTES = 2 * 1024 * 1024  # the Mashhad file is about 21 KB
STUDY_FILE_MAX_DEPTH = 20  # mappings and lists inside each other; the format needs 4
NUMBER_MAX_DIGITS = 20  # a number in a study file (Python refuses ints over 4,300 digits)
YEAR_MIN, YEAR_MAX = 1, 9_999

# A request (config/settings.py reads these).
REQUEST_FORM_MAX_BYTES = 2_621_440  # a form's fields, files apart (DATA_UPLOAD_MAX_MEMORY_SIZE)
REQUEST_FIELDS_MAX = 1_000  # DATA_UPLOAD_MAX_NUMBER_FIELDS (Django's default)
REQUEST_FILES_MAX = 5  # DATA_UPLOAD_MAX_NUMBER_FILES
# A multipart request (an upload) over this is refused with 400 before it is read
# (config/uploads.py); one from 2 MB to this gets the form's message.
UPLOAD_REQUEST_MAX_BYTES = 10 * 1024 * 1024

# How much of a value an error message quotes.
QUOTE_MAX = 100

# How a study's report is printed (swot.ReportStyle) and the organisation's letterhead.
CAPTION_MAX = 300  # a table's caption; the paper's longest (Table 3's) has 80 characters
HEADING_MAX = 120  # a column or list heading
DOCUMENT_NUMBER_MAX = 60
ORGANISATION_MAX = 200
LOGO_MAX_BYTES = 512 * 1024  # a letterhead's logo (PNG or JPEG); it is printed a few cm wide
LOGO_MAX_PIXELS = 4_000  # either side of the logo

# David's tools (evaluation/): how many a study may have.
SPACE_VARIABLES_PER_DIMENSION_MAX = 50
QSPM_SETS_MAX = 50
QSPM_STRATEGIES_PER_SET_MAX = 12  # columns of a score grid that still reads on a page
