from django import template

register = template.Library()


@register.filter
def get(mapping, key):
    """`mapping|get:key`: a bulletin's figures are dicts keyed by rate."""
    return (mapping or {}).get(key)
