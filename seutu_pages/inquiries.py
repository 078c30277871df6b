"""Taking in an Invest-in inquiry: store it, then hand it to the town's pipeline.

The raw submission is written first, in the same transaction as the lead the inbound-lead
service creates. If that service fails unexpectedly, its work is rolled back to a savepoint
and the stored inquiry stays, marked failed, for a coordinator to pick up: nothing a visitor
sent is ever lost, and no e-mail goes out before the inquiry is stored.
"""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction

from seutu_crm.services.inbound import Inquiry, receive_inquiry

from .models import InquiryStatus, InvestInInquiry

logger = logging.getLogger(__name__)

SOURCE = "invest-in-form"


def submit_inquiry(*, cleaned_data, town, language, consent_text, page=None, client_address=""):
    """Store an inquiry and create its lead; return the stored :class:`InvestInInquiry`.

    Raises :class:`ValidationError` (and stores nothing) when the inbound-lead service
    rejects the input, so that the form can show why. Any other error of the service is
    logged and leaves the inquiry stored with status *failed*.
    """
    with transaction.atomic():
        inquiry = InvestInInquiry.objects.create(
            page=page,
            town=town,
            person_name=cleaned_data["name"],
            organisation_name=cleaned_data["organisation"],
            business_id=cleaned_data.get("business_id", ""),
            email=cleaned_data["email"],
            phone=cleaned_data.get("phone", ""),
            message=cleaned_data["message"],
            consent=bool(cleaned_data["consent"]),
            consent_text=consent_text,
            language=language,
            client_address=client_address,
        )
        try:
            with transaction.atomic():
                lead = receive_inquiry(as_service_inquiry(inquiry))
                inquiry.mark_processed(lead)
        except ValidationError:
            raise  # the outer transaction rolls back: the visitor corrects and resends
        except Exception as error:  # noqa: BLE001 - any failure must keep the inquiry
            logger.exception("Invest-in inquiry %s could not become a lead", inquiry.pk)
            inquiry.mark_failed(error)
    return inquiry


def as_service_inquiry(inquiry):
    """The inbound-lead service's view of a stored inquiry."""
    return Inquiry(
        person_name=inquiry.person_name,
        organisation_name=inquiry.organisation_name,
        business_id=inquiry.business_id,
        email=inquiry.email,
        phone=inquiry.phone,
        town=inquiry.town,
        message=inquiry.message,
        consent=inquiry.consent,
        consent_text=inquiry.consent_text,
        language=inquiry.language,
        source=SOURCE,
    )
