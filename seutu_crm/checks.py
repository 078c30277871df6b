from django.conf import settings
from django.core.checks import Error, Tags, register

from .conf import DEFAULTS

# Import limits and thresholds: each must be a positive whole number.
WHOLE_NUMBER_SETTINGS = (
    "IMPORT_BATCH_SIZE",
    "IMPORT_MAX_FILE_BYTES",
    "IMPORT_MAX_UNCOMPRESSED_BYTES",
    "IMPORT_MAX_ROWS",
    "IMPORT_BACKGROUND_ROWS",
    "GAP_MIN_SPECIALISED_ACTORS",
)


@register(Tags.compatibility)
def check_settings(app_configs, **kwargs):
    errors = []
    configured = getattr(settings, "SEUTU_CRM", {})
    if not isinstance(configured, dict):
        return [
            Error(
                "SEUTU_CRM must be a dict.",
                hint="Set SEUTU_CRM = {} or a dict of the keys documented in seutu_crm.conf.",
                id="seutu_crm.E001",
            )
        ]
    for key in configured:
        if key not in DEFAULTS:
            errors.append(
                Error(
                    f"SEUTU_CRM has an unknown key {key!r}.",
                    hint=f"Known keys: {', '.join(sorted(DEFAULTS))}.",
                    id="seutu_crm.E002",
                )
            )
    years = configured.get("RETENTION_YEARS", DEFAULTS["RETENTION_YEARS"])
    if not isinstance(years, int) or years < 1:
        errors.append(
            Error(
                "SEUTU_CRM['RETENTION_YEARS'] must be a positive whole number.",
                id="seutu_crm.E003",
            )
        )
    stale = configured.get("STALE_DAYS", DEFAULTS["STALE_DAYS"])
    if not isinstance(stale, dict) or not all(
        isinstance(v, int) and v > 0 for v in stale.values()
    ):
        errors.append(
            Error(
                "SEUTU_CRM['STALE_DAYS'] must map stage names to positive numbers of days.",
                id="seutu_crm.E004",
            )
        )
    elif unknown := sorted(set(stale) - set(_stage_names())):
        errors.append(
            Error(
                f"SEUTU_CRM['STALE_DAYS'] names unknown stages: {', '.join(map(str, unknown))}.",
                hint=f"Stages: {', '.join(_stage_names())}.",
                id="seutu_crm.E005",
            )
        )
    cards = configured.get("BOARD_CARDS_PER_STAGE", DEFAULTS["BOARD_CARDS_PER_STAGE"])
    if isinstance(cards, bool) or not isinstance(cards, int) or cards < 1:
        errors.append(
            Error(
                "SEUTU_CRM['BOARD_CARDS_PER_STAGE'] must be a positive whole number.",
                hint="The pipeline board shows this many cards per stage column, e.g. 50.",
                id="seutu_crm.E006",
            )
        )
    weights = configured.get("GAP_WEIGHTS", DEFAULTS["GAP_WEIGHTS"])
    if (
        not isinstance(weights, dict)
        or set(weights) != set(DEFAULTS["GAP_WEIGHTS"])
        or not all(isinstance(v, (int, float)) and v >= 0 for v in weights.values())
        or not sum(weights.values())
    ):
        errors.append(
            Error(
                "SEUTU_CRM['GAP_WEIGHTS'] must give non-negative numbers for base, "
                "relatedness and focus, not all zero.",
                hint="Leave it out for the default, {'base': 0.4, 'relatedness': 0.35, "
                "'focus': 0.25}.",
                id="seutu_crm.E008",
            )
        )
    prior = configured.get("GAP_PRIOR_ACTORS", DEFAULTS["GAP_PRIOR_ACTORS"])
    score = configured.get("GAP_MIN_SCORE", DEFAULTS["GAP_MIN_SCORE"])
    if isinstance(prior, bool) or not isinstance(prior, (int, float)) or prior < 0:
        errors.append(Error("SEUTU_CRM['GAP_PRIOR_ACTORS'] must be 0 or more.",
                            hint="The default is 10.", id="seutu_crm.E009"))
    if isinstance(score, bool) or not isinstance(score, (int, float)) or not 0 <= score <= 100:
        errors.append(Error("SEUTU_CRM['GAP_MIN_SCORE'] must be between 0 and 100.",
                            hint="The default is 30.", id="seutu_crm.E010"))
    for key in WHOLE_NUMBER_SETTINGS:
        value = configured.get(key, DEFAULTS[key])
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            errors.append(
                Error(
                    f"SEUTU_CRM[{key!r}] must be a positive whole number, not {value!r}.",
                    hint=f"Leave it out for the default, {DEFAULTS[key]:,}.",
                    id="seutu_crm.E007",
                )
            )
    return errors


def _stage_names():
    from .models import Stage

    return Stage.values
