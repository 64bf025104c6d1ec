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

// Keyboard: Escape cancels the edit or confirmation it is in (or closes an "Add" panel);
// Ctrl+Enter (⌘+Enter) saves the form it is in.
// A key can come before htmx has wired a form it has just swapped in (it does so as the swap
// settles); htmx.process() wires it now, so the key never falls back to a full page load.
document.addEventListener("keydown", (event) => {
  const form = event.target.closest?.("form");
  // A delete confirmation's Cancel stands beside its form, an edit's inside it.
  const scope = event.target.closest?.(".confirm") || form;
  const saving = event.key === "Enter" && (event.ctrlKey || event.metaKey);
  if (scope && (event.key === "Escape" || saving)) window.htmx?.process(scope);
  if (event.key === "Escape") {
    const cancel = scope?.querySelector("a[data-cancel]");
    const adding = event.target.closest?.("details.add[open]");
    if (cancel) {
      event.preventDefault();
      cancel.click();
    } else if (adding) {
      event.preventDefault();
      adding.open = false;
      adding.querySelector("summary").focus();
    }
  } else if (saving && form?.requestSubmit) {
    event.preventDefault();
    form.requestSubmit();
  }
});

// Focus stays where the analyst works. A swap replaces the element that had the focus
// (a Save button, a ▲, a Cancel link), which would drop it to the page's start: put it back
// on the same control of the same item, else on the item itself.
let focusedBefore = null;
document.addEventListener("htmx:beforeRequest", () => {
  const active = document.activeElement;
  if (!active || active === document.body) return;
  const ids = [];
  for (let node = active; node && node !== document.body; node = node.parentElement) {
    if (node.id) ids.push(node.id);
  }
  focusedBefore = {
    ids,
    selector:
      active.name && active.value
        ? `${active.tagName}[name="${CSS.escape(active.name)}"][value="${CSS.escape(active.value)}"]`
        : null,
  };
});
document.addEventListener("htmx:afterSettle", () => {
  const wanted = focusedBefore;
  if (!wanted || (document.activeElement && document.activeElement !== document.body)) return;
  focusedBefore = null;
  // The nearest element around the old focus that is still on the page.
  const item = wanted.ids.map((id) => document.getElementById(id)).find(Boolean);
  if (!item) return;
  const control =
    (wanted.selector && item.querySelector(wanted.selector)) ||
    item.querySelector(".tools a, .tools button");
  focusItem(control || item);
});

function focusItem(element) {
  if (!element.matches("a, button, input, textarea, select, summary, [tabindex]")) {
    element.setAttribute("tabindex", "-1");
  }
  element.focus({ preventScroll: true });
  element.scrollIntoView({ block: "nearest" });
}

// A new factor, strategy or action is brought into view, focused and briefly highlighted
// (the server names it in HX-Trigger-After-Settle: item-added). Several added at once are
// all highlighted; `focus` names the add form's text, which gets the focus back for the
// next entry, with the new items scrolled into view above it.
document.addEventListener("item-added", (event) => {
  const { id, ids, focus } = event.detail;
  const items = (ids || [id]).map((each) => document.getElementById(each)).filter(Boolean);
  if (!items.length) return;
  focusedBefore = null;
  for (const item of items) {
    item.classList.add("just-added");
    setTimeout(() => item.classList.remove("just-added"), 2500);
  }
  const field = focus && document.getElementById(focus);
  if (field) {
    items[items.length - 1].scrollIntoView({ block: "nearest" });
    field.focus({ preventScroll: true });
    field.scrollIntoView({ block: "nearest" });
  } else {
    focusItem(items[0]);
  }
});

// A strategy moved past its neighbour (HX-Trigger-After-Swap: item-moved): the cards'
// bodies, renumbered, are already in place; move the card itself, with its open panels.
document.addEventListener("item-moved", (event) => {
  const { id, past, direction } = event.detail;
  const item = document.getElementById(id);
  const neighbour = document.getElementById(past);
  if (!item || !neighbour) return;
  if (direction === "up") neighbour.before(item);
  else neighbour.after(item);
});

// A citation chip shows only its code; its factor's text is written under the chips when
// the chip is focused, hovered or touched (a tap both toggles it and shows what it is).
function showChipTip(event) {
  const chip = event.target.closest?.("button.chip");
  if (!chip) return;
  const tip = chip.closest(".chips-panel")?.querySelector(".chip-tip");
  if (tip) tip.textContent = `${chip.dataset.code}: ${chip.dataset.tip}`;
}
document.addEventListener("focusin", showChipTip);
document.addEventListener("pointerover", showChipTip);
