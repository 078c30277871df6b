"""The open JSON endpoints of seutu_crm: public data only (see :mod:`.ecosystem.glance`)."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from .ecosystem.glance import public_glance
from .models import Town


def _language(request):
    codes = {code for code, _name in settings.LANGUAGES}
    wanted = request.GET.get("lang") or get_language() or "fi"
    return wanted[:2] if wanted[:2] in codes else settings.LANGUAGE_CODE[:2]


@require_GET
def town_ecosystem(request, code):
    """``GET /api/ecosystem/towns/<code>/[?lang=fi|sv|en]``: the town's public glance."""
    town = get_object_or_404(Town, code=code, in_network=True)
    response = JsonResponse(public_glance(town, _language(request)).as_json(),
                            json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "public, max-age=300"
    return response
