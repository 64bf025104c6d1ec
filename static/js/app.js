// Tell the analyst, in place, when an HTMX request was refused or failed: htmx does not
// swap error responses, so without this a click on a deleted item would seem to do nothing.
document.addEventListener("htmx:responseError", (event) => {
  const status = event.detail.xhr.status;
  const body = document.body.dataset;
  const message =
    status === 403 ? body.message403 : status === 404 ? body.message404 : body.messageError;
  const flash = document.getElementById("flash");
  flash.textContent = message;
  flash.hidden = false;
});
document.addEventListener("htmx:beforeRequest", () => {
  const flash = document.getElementById("flash");
  if (flash) flash.hidden = true;
});
