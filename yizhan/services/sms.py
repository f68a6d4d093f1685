"""Sending text messages (短信). Pluggable: ``YIZHAN_SMS_BACKEND`` names a class with
``send(mobile, text, purpose)``. The default :class:`LogSender` writes an
:class:`~yizhan.services.models.SmsMessage` row that staff read in the console; a deployment
plugs in its SMS gateway."""

from __future__ import annotations

from typing import Protocol

from django.utils.module_loading import import_string

from . import conf
from .models import SmsMessage


class SmsSender(Protocol):
    def send(self, mobile: str, text: str, purpose: str) -> None: ...


class LogSender:
    """Writes the message to the SMS log only (development, and courts without a gateway)."""

    def send(self, mobile: str, text: str, purpose: str) -> None:
        SmsMessage.objects.create(mobile=mobile, text=text[:300], purpose=purpose, backend="log")


def sender() -> SmsSender:
    cls = import_string(conf.sms_backend())
    return cls()  # type: ignore[no-any-return]


def send(mobile: str, text: str, purpose: str) -> None:
    sender().send(mobile, text, purpose)
