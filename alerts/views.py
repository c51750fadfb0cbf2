"""Thin views: validate, call alerts.services, render. Every answer to an address
entered here is the same, so no one can learn from it whether an address follows
something."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from alerts import services
from alerts.forms import EmailForm
from alerts.models import RepresentativeAlert
from companies.models import CompanyPage, CompanyRepresentative
from core.ratelimit import ratelimit
from search.forms import SearchForm

NEUTRAL = "Als dit adres nog niet volgt, krijg je een e-mail om te bevestigen."
NEUTRAL_MINE = "Als er meldingen bij dit adres horen, krijg je een e-mail met een link ernaar."


def _rate(group, request):
    return settings.ALERT_SUBSCRIBE_RATE


# Writes that send mail: refused while the counters are down.
alert_limit = ratelimit(group="alerts", key="ip", rate=_rate, method="POST", fail_open=False)


def _done(request, message, back_url, status=200):
    return render(
        request, "alerts/done.html", {"message": message, "back_url": back_url}, status=status
    )


@require_http_methods(["GET", "POST"])
@alert_limit
def follow_company(request, slug):
    company = get_object_or_404(CompanyPage.objects.live(), slug=slug)
    form = EmailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.subscribe(form.cleaned_data["email"], company=company)
        return _done(request, NEUTRAL, company.url)
    return render(
        request,
        "alerts/follow.html",
        {"form": form, "what": company.title, "back_url": company.url},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@alert_limit
def follow_search(request):
    search_form = SearchForm(request.GET)
    if not search_form.is_valid():
        return HttpResponseBadRequest("Deze zoekopdracht kun je niet volgen.")
    query = services.canonical_query(search_form)
    back_url = services.search_url(query)
    form = EmailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.subscribe(form.cleaned_data["email"], query=query)
        return _done(request, NEUTRAL, back_url)
    return render(
        request,
        "alerts/follow.html",
        {"form": form, "what": services.describe_query(query), "back_url": back_url},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    # A GET only shows the button: mail scanners fetch links and must not confirm.
    if request.method == "POST":
        if services.confirm(token) is None:
            raise Http404
        return render(request, "alerts/confirmed.html", {})
    subscription = services.Subscription.objects.filter(confirm_token=token).first()
    if subscription is None:
        raise Http404
    return render(
        request,
        "alerts/confirm.html",
        {"what": services.describe(subscription), "confirmed": subscription.confirmed_at},
    )


@csrf_exempt  # RFC 8058: the mail program POSTs without a session or a CSRF token
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    if request.method == "POST":
        one_click = request.POST.get("List-Unsubscribe") == "One-Click"
        from_page = request.POST.get("afmelden") == "ja"
        if not (one_click or from_page):
            return HttpResponseBadRequest("Onbekend verzoek.")
        services.unsubscribe(token)  # the token is the proof; again is harmless
        if one_click:
            return HttpResponse("Afgemeld.", content_type="text/plain; charset=utf-8")
        return render(request, "alerts/unsubscribed.html", {})
    what = services.describe_token(token)
    return render(request, "alerts/unsubscribe.html", {"what": what}, status=200 if what else 404)


@require_http_methods(["GET", "POST"])
@alert_limit
def mine_request(request):
    form = EmailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.send_mine_link(form.cleaned_data["email"])
        return _done(request, NEUTRAL_MINE, reverse("alerts:mine_request"))
    return render(
        request, "alerts/mine_request.html", {"form": form}, status=400 if form.errors else 200
    )


@require_http_methods(["GET"])
def mine(request, token):
    subscriptions = services.subscriptions_for_token(token)
    if subscriptions is None:
        return render(request, "alerts/mine_invalid.html", {}, status=403)
    items = [
        {"subscription": s, "what": services.describe(s), "kind": s.get_kind_display()}
        for s in subscriptions
    ]
    return render(request, "alerts/mine.html", {"items": items})


@login_required
@require_http_methods(["GET", "POST"])
def representative(request):
    """A representative switches the direct mails for each company they speak for."""
    representations = list(
        CompanyRepresentative.objects.filter(user=request.user).select_related("company")
    )
    if not representations:
        raise Http404
    if request.method == "POST":
        chosen = set(request.POST.getlist("bedrijf"))
        for representation in representations:
            services.set_representative_alert(representation, str(representation.pk) in chosen)
        messages.success(request, "Je keuze is bewaard.")
        return redirect("alerts:representative")
    on = set(
        RepresentativeAlert.objects.filter(representative__in=representations).values_list(
            "representative_id", flat=True
        )
    )
    items = [{"representation": r, "on": r.pk in on} for r in representations]
    return render(request, "alerts/representative.html", {"items": items})
