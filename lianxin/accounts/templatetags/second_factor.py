"""The second-factor card on a user's page, so the user pages need no change of their own."""

from django import template

from lianxin.accounts import mfa

register = template.Library()


@register.inclusion_tag("accounts/_mfa_card.html", takes_context=True)
def second_factor_card(context, subject):
    return {
        "subject": subject,
        "enrolled": mfa.has_device(subject),
        "required": mfa.required_for(subject),
        "codes_left": mfa.recovery_codes_left(subject),
        "can_reset": mfa.can_reset(context["request"].user, subject),
    }
