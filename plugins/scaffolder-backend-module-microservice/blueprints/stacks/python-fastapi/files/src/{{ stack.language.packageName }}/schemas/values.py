"""Value types of the wire format that pydantic does not have as such."""

import datetime as dt
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BeforeValidator,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError, core_schema


def _refuse_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain the NUL character")
    return value


# Text PostgreSQL can store: anything but NUL (U+0000).
PostgresText = AfterValidator(_refuse_nul)


_ISO_8601_DATE = re.compile(r"\d{4}-\d\d-\d\d")


def _iso_8601(value: object) -> object:
    if isinstance(value, dt.date) or (isinstance(value, str) and _ISO_8601_DATE.match(value)):
        return value
    raise PydanticCustomError("iso_8601", "Input should be an ISO 8601 date or date and time")


# A date, or date and time, is read from its ISO 8601 text only: pydantic would also take a
# number (or a numeric string) for a Unix time. Used with Strict(False), since JSON has no
# dates, only their text.
Iso8601 = BeforeValidator(_iso_8601)


def _whole(value: object) -> object:
    # JSON Schema counts 2.0 as an integer: take it as 2. 2.5 stays a float, and is refused.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


WholeNumber = BeforeValidator(_whole)


def _to_utc(value: dt.datetime) -> dt.datetime:
    try:
        return value.astimezone(dt.UTC)
    except OverflowError:
        raise ValueError("must be a date and time between the years 1 and 9999 in UTC") from None


# A date and time with its zone (an instant), kept and answered in UTC.
UtcDateTime = Annotated[AwareDatetime, AfterValidator(_to_utc)]


@dataclass(frozen=True)
class DecimalNumber:
    """A JSON number held as an exact Decimal, at least `ge` and at most `le`.

    In a body (a strict model) it must be a JSON number, as the schema says: a string is refused.
    It is rounded to `scale` places, half to even, as it will be stored in numeric(precision,
    scale): the client sees the value kept, never a surprise. In a query (not strict) it is read
    from text and compared as given: a bound is not a value to store.
    """

    ge: str
    le: str
    scale: int | None = None

    def __get_pydantic_core_schema__(
        self, source: type[Any], handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        exact = core_schema.decimal_schema(
            ge=Decimal(self.ge), le=Decimal(self.le), allow_inf_nan=False
        )
        return core_schema.with_info_before_validator_function(
            self._parse,
            core_schema.with_info_after_validator_function(self._round, exact),
            # A JSON number again; at most 15 significant digits, so a double holds it exactly.
            serialization=core_schema.plain_serializer_function_ser_schema(float, when_used="json"),
        )

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {"type": "number", "minimum": float(self.ge), "maximum": float(self.le)}

    @staticmethod
    def _parse(value: Any, info: core_schema.ValidationInfo) -> Decimal:
        if isinstance(value, int | Decimal) and not isinstance(value, bool):
            return Decimal(value)
        if isinstance(value, float):
            return Decimal(repr(value))  # the shortest decimal that reads back as this float
        if isinstance(value, str) and not (info.config or {}).get("strict"):
            try:
                return Decimal(value)  # a query parameter
            except InvalidOperation:
                pass
        # bool is an int to Python, not to JSON.
        raise PydanticCustomError("number_type", "Input should be a JSON number")

    def _round(self, value: Decimal, info: core_schema.ValidationInfo) -> Decimal:
        if self.scale is None or not (info.config or {}).get("strict"):
            return value
        return value.quantize(Decimal(1).scaleb(-self.scale), rounding=ROUND_HALF_EVEN)
