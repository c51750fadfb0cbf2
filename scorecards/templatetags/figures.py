"""{% load figures %}: Dutch numbers and durations in templates (scorecards.formatting)."""

from django import template

from scorecards import formatting

register = template.Library()


@register.filter
def decimal(value, places=1):
    return formatting.decimal(value, int(places))


@register.filter
def count(value):
    return formatting.count(value)


@register.filter
def percent(value, places=0):
    return formatting.percent(value, int(places))


@register.filter
def duration(value):
    return formatting.duration(value)


@register.filter
def hours(value):
    return formatting.hours(value)


@register.filter
def estimate(value):
    return formatting.estimate(value)


@register.filter
def estimate_value(value):
    return formatting.estimate_value(value)


@register.filter
def estimate_interval(value):
    return formatting.estimate_interval(value)


@register.filter
def ordinal(value):
    return formatting.ordinal(value)
