"""Reading the History page as a person does: its rows, its flash messages, its restore buttons."""

import html
import re

from django.urls import reverse


def text_of(fragment: str) -> str:
    """The words a person reads: tags apart (a `<bdi>` only isolates its text: read as one)."""
    fragment = re.sub(r"</?bdi>", "", fragment)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def entries(response, status: int = 200) -> list[dict]:
    """The History page's rows, newest first: when, who, what, changes, restore buttons."""
    assert response.status_code == status, response.status_code
    rows = re.findall(
        r'<tr id="change-(\w+)-(\d+)"[^>]*>\s*<td>(.*?)</td>\s*<td class="who">(.*?)</td>'
        r'\s*<td class="what">(.*?)</td>\s*<td class="changes">(.*?)</td>',
        response.content.decode(),
        flags=re.S,
    )
    return [
        {
            "model": model,
            "history_id": int(history_id),
            "when": text_of(when),
            "who": text_of(who),
            "what": text_of(re.split(r"<span class=\"note\">|<form", what)[0]),
            "note": text_of("".join(re.findall(r'<span class="note">(.*?)</span>', what))),
            "changes": text_of(re.sub(r"<form.*?</form>", "", changes, flags=re.S)),
            "restore": 'name="history_id"' in what,
            # "Restore the earlier wording": the row it writes back and the item's newest row.
            "wording": dict(re.findall(r'name="(wording|latest)" value="(\d+)"', changes)),
        }
        for model, history_id, when, who, what, changes in rows
    ]


def history(client, study, **params) -> list[dict]:
    return entries(client.get(reverse("study-history", args=[study.slug]), params))


def deletion(client, study, what: str) -> dict:
    """The row of a deletion, which must be offered for restoring."""
    (row,) = [e for e in history(client, study) if e["what"] == what]
    assert row["restore"]
    return row


def restore(client, study, row):
    url = reverse("study-history-restore", args=[study.slug])
    return client.post(url, {"model": row["model"], "history_id": row["history_id"]})


def flash(response) -> list[str]:
    return [
        text_of(m)
        for m in re.findall(r'<p class="flash" role="status">(.*?)</p>', response.content.decode())
    ]


def restore_wording(client, study, row):
    """Press a row's "Restore the earlier wording", as the page offered it."""
    assert row["wording"], row
    url = reverse("study-history-restore", args=[study.slug])
    return client.post(url, {"model": row["model"], **row["wording"]})
