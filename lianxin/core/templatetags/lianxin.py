from django import template

register = template.Library()


@register.filter
def bs(field):
    """Render a form field's widget with Bootstrap's classes (and the invalid state)."""
    css = "form-control"
    if field.errors:
        css += " is-invalid"
    return field.as_widget(attrs={"class": css})


@register.filter
def get_item(mapping, key):
    """`{{ counts|get_item:star }}`: a dict lookup with a variable key."""
    return mapping.get(key) if mapping else None


@register.filter
def get_index(sequence, index):
    return sequence[index]
