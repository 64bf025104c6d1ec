"""The matrix page's hottest markup, written in Python.

A study fifty times the Mashhad size cites factors some 6,000 times; in the template each
citation is a dozen nodes, here one f-string. The markup is the same the template would give
(tests/editor read it), and every text in it is escaped with `html.escape`, as Django's own
`escape` does.
"""

from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, ngettext

from planning.digits import localize_digits

register = template.Library()


@register.simple_tag
def cited(strategy) -> SafeString:
    """A strategy's compact citation, each number showing its factor's text on hover or
    focus: `S1,3 O2` as `<span class="cite-group"><b>S</b><span class="cite" …>۱</span>,…`."""
    if not strategy.cited_groups:
        return mark_safe(escape(gettext("no factors cited")))
    language = get_language() or ""
    groups = []
    for group in strategy.cited_groups:
        cites = []
        for factor in group.factors:
            text = escape(factor.text)
            number = localize_digits(factor.number, language)
            cites.append(
                f'<span class="cite" tabindex="0" data-tip="{text}" '
                f'aria-label="{escape(factor.code)}: {text}">{number}</span>'
            )
        groups.append(
            f'<span class="cite-group"><b>{escape(group.kind)}</b>{",".join(cites)}</span>'
        )
    return mark_safe(" ".join(groups))  # every text in it went through escape()


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


def _tools(context, item_url: str, code: str, list_target: str, item_target: str) -> str:
    """Edit, move up and down, delete: an item's tools in the factor lists and quadrants."""
    labels = context["labels"]
    code = escape(code)

    def label(name: str) -> str:
        return escape(labels[name] % {"code": code})

    return (
        f'<a href="{item_url}edit/" hx-get="{item_url}edit/" hx-target="{item_target}" '
        f'hx-swap="outerHTML"\n         aria-label="{label("edit")}">'
        f"{escape(labels['edit_word'])}</a>\n"
        f'      <form method="post" action="{item_url}move/" hx-post="{item_url}move/" '
        f'hx-target="{list_target}" hx-swap="outerHTML" class="inline">\n'
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
    labels = context["labels"]
    language = get_language() or ""
    html = (
        f'<span class="code">{localize_digits(escape(factor.code), language)}</span>\n'
        f'    <span class="text" dir="auto">{escape(factor.text)}</span>\n'
    )
    if factor.note:
        html += f'    <small class="note" dir="auto">{escape(factor.note)}</small>\n'
    if not factor.cited_by:
        html += (
            f'    <span class="badge" title="{escape(labels["not_cited_title"])}">'
            f"{escape(labels['not_cited'])}</span>\n"
        )
    if context.get("can_edit"):
        url = f"{context['urls']['factor']}{factor.pk}/"
        tools = _tools(context, url, factor.code, f"#factors-{factor.kind}", f"#factor-{factor.pk}")
        html += f'    <span class="tools">\n      {tools}\n    </span>\n'
    return mark_safe(html)  # every text in it went through escape()


@register.simple_tag(takes_context=True)
def strategy_tools(context, strategy) -> SafeString:
    """An editor's tools on a strategy card: edit, move up and down, delete."""
    url = f"{context['urls']['strategy']}{strategy.pk}/"
    tools = _tools(
        context, url, strategy.code, f"#quadrant-{strategy.quadrant}", f"#strategy-{strategy.pk}"
    )
    return mark_safe(f'<div class="tools strategy-tools">\n      {tools}\n    </div>')


@register.simple_tag(takes_context=True)
def program_list(context, strategy) -> SafeString:
    """A strategy's action program as read: each action's text, and ×N on a shared one."""
    labels = context["labels"]
    language = get_language() or ""
    items = []
    for link in strategy.links:
        badge = ""
        if link.served > 1:
            title = escape(labels["serves"] % {"n": link.served})
            badge = (
                f' <span class="badge shared" title="{title}">'
                f"×{localize_digits(link.served, language)}</span>"
            )
        items.append(
            f'<li id="link-{link.pk}"><span class="action-text" dir="auto">'
            f"{escape(link.action.text)}</span>"
            f"{badge}</li>"
        )
    return mark_safe('<ol class="actions">\n      ' + "\n      ".join(items) + "\n    </ol>")


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
    language = get_language() or ""
    cards = []
    for strategy in strategies:
        pk = strategy.pk
        url = f"{context['urls']['strategy']}{pk}/"
        html = (
            f'<article id="strategy-{pk}" class="strategy" aria-labelledby="strategy-{pk}-code">\n'
            f'    <p class="strategy-text"><span class="code" id="strategy-{pk}-code">'
            f"{localize_digits(escape(strategy.code), language)}.</span> "
            f'<span dir="auto">{escape(strategy.text)}</span>\n'
            f'      <span class="cites">({cited(strategy)})</span>\n    </p>\n'
        )
        if strategy.note:
            html += f'    <p class="note" dir="auto">{escape(strategy.note)}</p>\n'
        if can_edit:
            html += (
                f"    {strategy_tools(context, strategy)}\n"
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
            f"    <summary>{escape(program_summary(strategy))}</summary>\n"
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
