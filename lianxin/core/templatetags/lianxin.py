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


class ReusableNode(template.Node):
    def __init__(self, name: str, nodelist):
        self.name, self.nodelist = name, nodelist

    def render(self, context):
        reused = context.get("reused")
        if reused is not None and self.name in reused:
            return reused[self.name]
        output = self.nodelist.render(context)
        capture = getattr(context.get("request"), "_reusable_parts", None)
        if capture is not None:
            capture[self.name] = output
        return output


@register.tag
def reusable(parser, token):
    """`{% reusable "content" %}…{% endreusable %}`: a part of the page a view with
    `ReusedBodyMixin` (lianxin/core/views/reuse.py) draws once and sends again while nothing it
    shows has changed. Elsewhere it renders as if it were not there."""
    _tag, name = token.split_contents()
    nodelist = parser.parse(("endreusable",))
    parser.delete_first_token()
    return ReusableNode(name.strip("\"'"), nodelist)
