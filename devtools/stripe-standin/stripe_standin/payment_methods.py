"""The payment methods the stand-in offers and how each shows up on a charge."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from stripe_standin.ids import new_id

SUPPORTED_PAYMENT_METHODS = ("ideal", "card", "bancontact", "sepa_debit")

# SEPA Direct Debit settles days later; the others are confirmed at once.
ASYNC_PAYMENT_METHODS = ("sepa_debit",)

# Paying a subscription's first invoice with these sets up SEPA Direct Debit for the rest.
GENERATES_SEPA_DEBIT = ("ideal", "bancontact")

PAYMENT_METHOD_LABELS = {
    "ideal": "iDEAL",
    "card": "Creditcard of debitkaart",
    "bancontact": "Bancontact",
    "sepa_debit": "SEPA-incasso",
}


@dataclass(frozen=True)
class IdealBank:
    code: str
    name: str
    bic: str


IDEAL_BANKS = (
    IdealBank("abn_amro", "ABN AMRO", "ABNANL2A"),
    IdealBank("asn_bank", "ASN Bank", "ASNBNL21"),
    IdealBank("bunq", "bunq", "BUNQNL2A"),
    IdealBank("ing", "ING", "INGBNL2A"),
    IdealBank("knab", "Knab", "KNABNL2H"),
    IdealBank("n26", "N26", "NTSBDEB1"),
    IdealBank("rabobank", "Rabobank", "RABONL2U"),
    IdealBank("regiobank", "RegioBank", "RBRBNL21"),
    IdealBank("revolut", "Revolut", "REVOLT21"),
    IdealBank("sns_bank", "SNS", "SNSBNL2A"),
    IdealBank("triodos_bank", "Triodos Bank", "TRIONL2U"),
    IdealBank("van_lanschot", "Van Lanschot Kempen", "FVLBNL22"),
    IdealBank("yoursafe", "Yoursafe", "BITSNL2A"),
)
IDEAL_BANKS_BY_CODE = {bank.code: bank for bank in IDEAL_BANKS}

# Stripe's test card numbers: 4242... succeeds, 4000 0000 0000 0002 is declined.
TEST_CARD_SUCCEEDS = "4242424242424242"
TEST_CARD_DECLINED = "4000000000000002"

# Stripe's SEPA test IBAN that succeeds; any other valid IBAN works too.
TEST_IBAN = "NL39RABO0300065264"


def normalise_iban(iban: str) -> str:
    return re.sub(r"\s+", "", iban).upper()


def is_valid_iban(iban: str) -> bool:
    """Check the IBAN's shape and its ISO 13616 mod-97 checksum."""
    compact = normalise_iban(iban)
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", compact):
        return False
    rearranged = compact[4:] + compact[:4]
    digits = "".join(str(int(char, 36)) for char in rearranged)
    return int(digits) % 97 == 1


def normalise_card_number(number: str) -> str:
    return re.sub(r"[\s-]+", "", number)


def _fingerprint(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:16]


@dataclass
class PaymentDetails:
    """What the donor entered on the checkout page (or the control API sent)."""

    method: str
    email: str | None = None
    name: str | None = None
    ideal_bank: str | None = None
    iban: str | None = None
    card_number: str | None = None
    # Set for a subscription's first payment: iDEAL and Bancontact then leave a
    # SEPA Direct Debit mandate behind that pays the renewals.
    reusable: bool = False

    def renewal_details(self) -> PaymentDetails:
        """How later invoices of a subscription started with this payment are paid."""
        if self.method in GENERATES_SEPA_DEBIT:
            return PaymentDetails("sepa_debit", email=self.email, name=self.name, iban=TEST_IBAN)
        return PaymentDetails(
            self.method, email=self.email, name=self.name, iban=self.iban, card_number=self.card_number
        )

    def _generated_sepa_debit(self) -> dict[str, str | None]:
        if self.reusable:
            return {"generated_sepa_debit": new_id("pm"), "generated_sepa_debit_mandate": new_id("mandate")}
        return {"generated_sepa_debit": None, "generated_sepa_debit_mandate": None}

    def charge_details(self, mandate_id: str | None = None) -> dict:
        """The ``payment_method_details`` hash of a charge paid this way."""
        if self.method == "card":
            number = normalise_card_number(self.card_number or TEST_CARD_SUCCEEDS)
            return {
                "type": "card",
                "card": {
                    "amount_authorized": None,
                    "brand": "visa",
                    "checks": {
                        "address_line1_check": None,
                        "address_postal_code_check": None,
                        "cvc_check": "pass",
                    },
                    "country": "NL",
                    "exp_month": 12,
                    "exp_year": 2034,
                    "fingerprint": _fingerprint(number),
                    "funding": "credit",
                    "last4": number[-4:],
                    "mandate": None,
                    "network": "visa",
                    "three_d_secure": None,
                    "wallet": None,
                },
            }
        if self.method == "ideal":
            bank = IDEAL_BANKS_BY_CODE.get(self.ideal_bank or "ing", IDEAL_BANKS_BY_CODE["ing"])
            return {
                "type": "ideal",
                "ideal": {
                    "bank": bank.code,
                    "bic": bank.bic,
                    **self._generated_sepa_debit(),
                    "iban_last4": "5264",
                    "transaction_id": None,
                    "verified_name": self.name or "Jenny Rosen",
                },
            }
        if self.method == "bancontact":
            return {
                "type": "bancontact",
                "bancontact": {
                    "bank_code": "VAPE",
                    "bank_name": "VAN DE PUT & CO",
                    "bic": "VAPEBE22",
                    **self._generated_sepa_debit(),
                    "iban_last4": "7061",
                    "preferred_language": "nl",
                    "verified_name": self.name or "Jenny Rosen",
                },
            }
        if self.method == "sepa_debit":
            iban = normalise_iban(self.iban or TEST_IBAN)
            return {
                "type": "sepa_debit",
                "sepa_debit": {
                    "bank_code": iban[4:8],
                    "branch_code": "",
                    "country": iban[:2],
                    "expected_debit_date": None,
                    "fingerprint": _fingerprint(iban),
                    "last4": iban[-4:],
                    "mandate": mandate_id,
                },
            }
        raise ValueError(f"Unsupported payment method: {self.method}")
