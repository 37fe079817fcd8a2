from django import template

register = template.Library()


@register.filter
def bs(field):
    """Render a form field's widget with Bootstrap's classes (and the invalid state)."""
    css = "form-control"
    if field.errors:
        css += " is-invalid"
    return field.as_widget(attrs={"class": css})
