import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from seutu_crm.validators import business_id_check_digit, normalise_business_id, validate_business_id


@pytest.mark.parametrize("value", ["0112038-9", "1572860-0", "2617416-4"])
def test_real_business_ids_are_valid(value):
    validate_business_id(value)


def test_wrong_check_digit_is_rejected():
    with pytest.raises(ValidationError) as error:
        validate_business_id("0112038-8")
    assert error.value.code == "business_id_checksum"


@pytest.mark.parametrize("value", ["", "1234567", "123456-78", "abcdefg-h", "1234567-89"])
def test_malformed_business_id_is_rejected_with_the_expected_form(value):
    with pytest.raises(ValidationError) as error:
        validate_business_id(value)
    assert error.value.code == "business_id_format"


def test_remainder_zero_gives_check_digit_zero():
    # 1572860: 1·7 + 5·9 + 7·10 + 2·5 + 8·8 + 6·4 + 0·2 = 220 = 11·20, remainder 0.
    assert business_id_check_digit("1572860") == 0


def test_remainder_one_is_never_valid():
    seven = next(f"{n:07d}" for n in range(10_000) if business_id_check_digit(f"{n:07d}") is None)
    for digit in range(10):
        with pytest.raises(ValidationError):
            validate_business_id(f"{seven}-{digit}")


def test_old_six_digit_form_is_padded():
    assert normalise_business_id(" 112038-9 ") == "0112038-9"


@pytest.mark.parametrize(
    "language, words", [("fi", "Y-tunnus"), ("sv", "FO-nummer"), ("en", "Business ID")]
)
def test_error_message_is_in_the_users_language(language, words):
    with translation.override(language):
        with pytest.raises(ValidationError) as error:
            validate_business_id("nonsense")
        assert words in error.value.messages[0]
