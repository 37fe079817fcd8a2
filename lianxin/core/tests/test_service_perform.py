"""`service_perform`: a form page's perform made from the service it calls — the named fields
positional after the actor, the others as keywords, a multiple choice as a list."""

from django import forms

from lianxin.core.views import service_perform


class Form(forms.Form):
    village = forms.CharField()
    month = forms.CharField()
    teams = forms.MultipleChoiceField(choices=[("a", "a"), ("b", "b")])
    note = forms.CharField(required=False)


def test_positional_then_keywords_and_lists():
    calls = []
    perform = service_perform(
        lambda actor, *args, **kwargs: calls.append((actor, args, kwargs)) or "made",
        "village",
        "month",
        lists=("teams",),
    )
    form = Form({"village": "v", "month": "m", "teams": ["a", "b"], "note": "n"})
    assert form.is_valid()
    assert perform(None, "actor", form) == "made"
    assert calls == [("actor", ("v", "m"), {"teams": ["a", "b"], "note": "n"})]
