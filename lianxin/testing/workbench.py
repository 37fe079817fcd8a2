"""Checking workbench cards (工作台) the way a user meets them: open the home page, read a card,
follow its link and see which rows the list shows. A card is right when its count is the
number of rows it should count and its link opens exactly those rows."""

from django.test import Client

from lianxin.core.plugins import Card


def cards(client: Client) -> dict[str, Card]:
    """The home page's cards by title."""
    response = client.get("/")
    assert response.status_code == 200
    return {str(card.title): card for _group, group in response.context["card_groups"] for card in group}


def listed(client: Client, url: str) -> set[int]:
    """The primary keys of the rows a list page shows (all pages: the table's filtered data)."""
    response = client.get(url)
    assert response.status_code == 200, f"{url}: {response.status_code}"
    return {row.pk for row in response.context["table"].data.data}


def check_card(client: Client, title: str, expected) -> Card:
    """The card `title` counts `expected` (objects) and its link lists exactly them."""
    card = cards(client)[title]
    pks = {obj.pk for obj in expected}
    assert card.count == len(pks), f"{title}: count {card.count}, expected {len(pks)}"
    assert listed(client, card.url) == pks, f"{title}: {card.url} lists other rows"
    return card
