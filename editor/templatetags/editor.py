"""The matrix page's hottest markup, written in Python.

A study fifty times the Mashhad size cites factors some 6,000 times; in the template each
citation is a dozen nodes, here one f-string. The markup is the same the template would give
(tests/editor read it), and every text in it is escaped with `html.escape`, as Django's own
`escape` does.

The pieces a change can update on its own (a strategy's citation, a factor's "not cited"
badge, an action's text and ×N, a program's count) each have an id, and take `oob=True` to
be written as an out-of-band swap in a response about something else (editor/pages.py).

Codes (S1, SO2, the numbers of a citation) are identifiers and keep the Latin digits the
paper prints, on screen as in the PDF; counts are written in the reader's digits.
"""

from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, ngettext

from planning.digits import localize_digits

register = template.Library()

OOB = ' hx-swap-oob="true"'


def _oob(oob: bool) -> str:
    return OOB if oob else ""


@register.simple_tag
def cited(strategy) -> SafeString:
    """A strategy's compact citation, each number showing its factor's text on hover or
    focus: `S1,3 O2` as `<span class="cite-group"><b>S</b><span class="cite" …>1</span>,…`."""
    if not strategy.cited_groups:
        return mark_safe(escape(gettext("no factors cited")))
    groups = []
    for group in strategy.cited_groups:
        cites = []
        for factor in group.factors:
            text = escape(factor.text)
            cites.append(
                f'<span class="cite" tabindex="0" data-tip="{text}" '
                f'aria-label="{escape(factor.code)}: {text}">{factor.number}</span>'
            )
        groups.append(
            f'<span class="cite-group"><b>{escape(group.kind)}</b>{",".join(cites)}</span>'
        )
    return mark_safe(" ".join(groups))  # every text in it went through escape()


@register.simple_tag
def strategy_cites(strategy, oob: bool = False) -> SafeString:
    """The citation after a strategy's text, in brackets: what a chip click changes."""
    return mark_safe(
        f'<span class="cites" id="strategy-{strategy.pk}-cites"{_oob(oob)}>'
        f"({cited(strategy)})</span>"
    )


@register.simple_tag(takes_context=True)
def factor_uses(context, factor, oob: bool = False) -> SafeString:
    """The "not cited" badge of a factor no strategy cites (empty, but there, when cited)."""
    labels = context["labels"]
    badge = ""
    if not factor.cited_by:
        badge = (
            f'<span class="badge" title="{escape(labels["not_cited_title"])}">'
            f"{escape(labels['not_cited'])}</span>"
        )
    return mark_safe(f'<span class="uses" id="factor-{factor.pk}-uses"{_oob(oob)}>{badge}</span>')


def _csrf_input(context) -> str:
    """The hidden CSRF field a `{% csrf_token %}` writes, made once per render."""
    cache = context.render_context
    if "csrf_input" not in cache:
        token = context.get("csrf_token")
        cache["csrf_input"] = (
            f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(str(token))}">'
            if token and token != "NOTPROVIDED"
            else ""
        )
    return cache["csrf_input"]


def _tools(context, item_url: str, code: str, move: str, item_target: str) -> str:
    """Edit, move up and down, delete: an item's tools in the factor lists and quadrants.
    `move` is the move form's hx-target and hx-swap attributes."""
    labels = context["labels"]
    code = escape(code)

    def label(name: str) -> str:
        return escape(labels[name] % {"code": code})

    return (
        f'<a href="{item_url}edit/" hx-get="{item_url}edit/" hx-target="{item_target}" '
        f'hx-swap="outerHTML"\n         aria-label="{label("edit")}">'
        f"{escape(labels['edit_word'])}</a>\n"
        f'      <form method="post" action="{item_url}move/" hx-post="{item_url}move/" '
        f'{move} class="inline">\n'
        f"        {_csrf_input(context)}\n"
        f'        <button type="submit" name="direction" value="up" class="icon" '
        f'aria-label="{label("up")}">▲</button>\n'
        f'        <button type="submit" name="direction" value="down" class="icon" '
        f'aria-label="{label("down")}">▼</button>\n'
        f"      </form>\n"
        f'      <a href="{item_url}delete/" hx-get="{item_url}delete/" hx-target="{item_target}" '
        f'hx-swap="outerHTML" class="danger"\n         aria-label="{label("delete")}">'
        f"{escape(labels['delete_word'])}</a>"
    )


@register.simple_tag(takes_context=True)
def factor_row(context, factor) -> SafeString:
    """A factor as its list shows it when it is not being edited: code, text, note, the
    "not cited" badge, and for editors its tools."""
    html = (
        f'<span class="code">{escape(factor.code)}</span>\n'
        f'    <span class="text" dir="auto">{escape(factor.text)}</span>\n'
    )
    if factor.note:
        html += f'    <small class="note" dir="auto">{escape(factor.note)}</small>\n'
    html += f"    {factor_uses(context, factor)}\n"
    if context.get("can_edit"):
        url = f"{context['urls']['factor']}{factor.pk}/"
        # A move renumbers the list: the list is what it swaps.
        move = f'hx-target="#factor-list-{factor.kind}" hx-swap="outerHTML"'
        tools = _tools(context, url, factor.code, move, f"#factor-{factor.pk}")
        html += f'    <span class="tools">\n      {tools}\n    </span>\n'
    return mark_safe(html)  # every text in it went through escape()


@register.simple_tag(takes_context=True)
def strategy_tools(context, strategy) -> SafeString:
    """An editor's tools on a strategy card: edit, move up and down, delete. A move swaps
    the two cards' bodies out of band and moves the card (static/js/app.js), so the panels
    open in the quadrant stay as they are."""
    url = f"{context['urls']['strategy']}{strategy.pk}/"
    tools = _tools(context, url, strategy.code, 'hx-swap="none"', f"#strategy-{strategy.pk}-body")
    return mark_safe(f'<div class="tools strategy-tools">\n      {tools}\n    </div>')


@register.simple_tag(takes_context=True)
def strategy_body(context, strategy, oob: bool = False) -> SafeString:
    """A strategy card's text, citation, note and tools, when it is not being edited."""
    pk = strategy.pk
    html = (
        f'<div class="strategy-body" id="strategy-{pk}-body"{_oob(oob)}>\n'
        f'    <p class="strategy-text"><span class="code" id="strategy-{pk}-code">'
        f"{escape(strategy.code)}.</span> "
        f'<span dir="auto">{escape(strategy.text)}</span>\n'
        f"      {strategy_cites(strategy)}\n    </p>\n"
    )
    if strategy.note:
        html += f'    <p class="note" dir="auto">{escape(strategy.note)}</p>\n'
    if context.get("can_edit"):
        html += f"    {strategy_tools(context, strategy)}\n"
    return mark_safe(html + "  </div>")  # every text in it went through escape()


@register.simple_tag(takes_context=True)
def link_action(context, link, oob: bool = False) -> SafeString:
    """An action's text at one place in a program, and ×N when N strategies share it: what
    an edit of the text, or an attach or detach elsewhere, changes. Under it, the words this
    program prints it in when they differ (the place's wording) and its footnote."""
    labels = context["labels"]
    badge = ""
    if link.served > 1:
        title = escape(labels["serves"] % {"n": link.served})
        badge = (
            f' <span class="badge shared" title="{title}">'
            f"×{localize_digits(link.served, get_language() or '')}</span>"
        )
    # A wording of its own in this program, and a footnote: under the text, each in <bdi>.
    printed = ""
    if link.wording:
        wording = f"<bdi>{escape(link.wording)}</bdi>"
        shown = escape(labels["printed_here"]) % {"wording": wording}
        printed += f'<small class="note printed">{shown}</small>'
    if link.footnote:
        footnote = f"<bdi>{escape(link.footnote)}</bdi>"
        shown = escape(labels["footnote"]) % {"footnote": footnote}
        printed += f'<small class="note footnote">{shown}</small>'
    return mark_safe(
        f'<span class="action" id="link-{link.pk}-action"{_oob(oob)}>'
        f'<span class="action-text" dir="auto">{escape(link.action.text)}</span>{badge}'
        f"{printed}</span>"
    )


@register.simple_tag(takes_context=True)
def program_list(context, strategy) -> SafeString:
    """A strategy's action program as read: each action's text, and ×N on a shared one."""
    items = [
        f'<li id="link-{link.pk}">{link_action(context, link)}</li>' for link in strategy.links
    ]
    return mark_safe(
        f'<ol class="actions" id="program-{strategy.pk}">\n      '
        + "\n      ".join(items)
        + "\n    </ol>"
    )


@register.simple_tag
def program_summary(strategy) -> str:
    """ "Action program (3 actions)", the count in the reader's digits."""
    n = len(strategy.links)
    return ngettext("Action program (%(n)s action)", "Action program (%(n)s actions)", n) % {
        "n": localize_digits(n, get_language() or "")
    }


@register.simple_tag(takes_context=True)
def factor_items(context, factors) -> SafeString:
    """A list's factors, none of them being edited: each `<li>` as the `factor-item` partial
    writes it, in one call instead of a partial per factor."""
    return mark_safe(
        "".join(
            f'<li id="factor-{factor.pk}" class="factor">\n  \n    {factor_row(context, factor)}\n'
            "  \n</li>\n"
            for factor in factors
        )
    )


@register.simple_tag(takes_context=True)
def strategy_cards(context, strategies) -> SafeString:
    """A quadrant's strategies when none of them is being worked on: each card as the
    `strategy` partial writes it then (tests/editor/test_study_page.py compares the two),
    with its panels closed, in one call instead of a partial per strategy."""
    labels = context["labels"]
    can_edit = context.get("can_edit")
    cards = []
    for strategy in strategies:
        pk = strategy.pk
        url = f"{context['urls']['strategy']}{pk}/"
        html = (
            f'<article id="strategy-{pk}" class="strategy" aria-labelledby="strategy-{pk}-code">\n'
            f"  {strategy_body(context, strategy)}\n"
        )
        if can_edit:
            html += (
                f'  <details class="citations" hx-get="{url}citations/" hx-trigger="toggle once" '
                f'hx-target="find .panel" hx-swap="innerHTML">\n'
                f"    <summary>{escape(labels['cited_factors'])}</summary>\n"
                f'    <div class="panel"><a class="load" href="{url}citations/#strategy-{pk}">'
                f"{escape(labels['choose_cited'])}</a></div>\n  </details>\n"
                f'  <details class="program" hx-get="{url}program/" hx-trigger="toggle once" '
                f'hx-target="find .panel" hx-swap="innerHTML">\n'
            )
        else:
            html += '  <details class="program">\n'
        html += (
            f'    <summary id="program-summary-{pk}">'
            f"{escape(program_summary(strategy))}</summary>\n"
            f'    <div class="panel">\n    {program_list(context, strategy)}\n    '
        )
        if can_edit:
            html += (
                f'<a class="load" href="{url}program/#strategy-{pk}">'
                f"{escape(labels['edit_program'])}</a>"
            )
        html += "</div>\n  </details>\n</article>\n"
        cards.append(html)
    return mark_safe("".join(cards))  # every text in it went through escape()
