"""Reading a page's markup for the direction of its texts: which element holds a text, and
whether it lets the text take its own direction (dir="auto" on it, or a `<bdi>`)."""

from __future__ import annotations

from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class Element:
    def __init__(self, tag: str, attrs: list[tuple[str, str | None]], parent: Element | None):
        self.tag, self.attrs, self.parent = tag, dict(attrs), parent

    def reads_its_own_way(self) -> bool:
        return self.tag == "bdi" or self.attrs.get("dir") == "auto"

    def __repr__(self) -> str:
        return f"<{self.tag} {self.attrs}>"


class Page(HTMLParser):
    """Every element (with its parent) and every text (with the element holding it)."""

    def __init__(self, markup: str):
        super().__init__()
        self.elements: list[Element] = []
        self.texts: list[tuple[str, Element]] = []
        self._open: list[Element] = []
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs, self._open[-1] if self._open else None)
        self.elements.append(element)
        if tag not in VOID:
            self._open.append(element)

    def handle_endtag(self, tag):
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i].tag == tag:
                del self._open[i:]
                return

    def handle_data(self, data):
        if data.strip() and self._open:
            self.texts.append((" ".join(data.split()), self._open[-1]))

    def holders(self, text: str) -> list[Element]:
        """The innermost element around each occurrence of exactly `text` (nothing else in it)."""
        return [element for shown, element in self.texts if shown == text]

    def field(self, name: str) -> Element:
        """The input, textarea or select named `name`."""
        (element,) = [
            e
            for e in self.elements
            if e.tag in {"input", "textarea", "select"} and e.attrs.get("name") == name
        ]
        return element

    def options(self, name: str) -> list[Element]:
        """The options (with a value) of the select named `name`."""
        select = self.field(name)
        return [
            e
            for e in self.elements
            if e.tag == "option" and e.parent is select and e.attrs.get("value")
        ]


def holders(markup: str, text: str) -> list[Element]:
    return Page(markup).holders(text)
