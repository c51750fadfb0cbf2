"""Accessible forms: every page finds its own bound forms with errors, so the page title
and the error summary at the top of the page need nothing from the view."""

from django import template
from django.forms import BaseForm, BaseFormSet
from django.utils.functional import LazyObject

register = template.Library()


def _forms_with_errors(context) -> list[BaseForm]:
    found, seen = [], set()
    for value in context.flatten().values():
        if isinstance(value, LazyObject):
            # Never a form, and looking inside would evaluate it: the lazy csrf_token
            # would set a CSRF cookie on every page and keep it out of the page cache.
            continue
        forms = value.forms if isinstance(value, BaseFormSet) else [value]
        for form in forms:
            if isinstance(form, BaseForm) and form.is_bound and id(form) not in seen:
                seen.add(id(form))
                if form.errors:
                    found.append(form)
    return found


def _target(field) -> str:
    # A group of radios or checkboxes is reached through its first choice.
    return f"{field.auto_id}_0" if field.use_fieldset else field.auto_id


@register.simple_tag(takes_context=True)
def page_has_form_errors(context) -> bool:
    return bool(_forms_with_errors(context))


@register.inclusion_tag("includes/error_summary.html", takes_context=True)
def error_summary(context):
    """Each error once, linked to its field; the form's own errors without a link."""
    items = []
    for form in _forms_with_errors(context):
        for error in form.non_field_errors():
            items.append({"message": error, "target": ""})
        for field in form:
            if field.is_hidden:
                items.extend({"message": error, "target": ""} for error in field.errors)
                continue
            for error in field.errors:
                items.append({"message": f"{field.label}: {error}", "target": _target(field)})
    return {"items": items}


@register.filter
def has_required_fields(form) -> bool:
    return any(field.field.required for field in form.visible_fields())
