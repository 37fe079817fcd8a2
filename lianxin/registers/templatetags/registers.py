from django import template

from lianxin.registers.extensions import tabs_for

register = template.Library()


@register.inclusion_tag("registers/_tabs.html", takes_context=True)
def section_tabs(context):
    """The tab bar of the 党群连心 pages, from the tabs the apps added (registers.extensions)."""
    return {"tabs": tabs_for(context["request"])}
