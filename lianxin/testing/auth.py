"""A test client logged in as someone, second factor included: a user who must use one gets an
authenticator enrolled through the real service (a fresh secret, its current code) and a
session marked verified the way django-otp marks it after the code page. Tests keep the second
factor switched on; tests of the code page itself log in through the pages instead."""

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from lianxin.accounts import mfa
from lianxin.audit.services import Actor


def enrol_authenticator(user, key: str | None = None) -> TOTPDevice:
    key = key or mfa.new_key()
    device, _codes = mfa.enrol(Actor.system("tests"), user, key, mfa.code_for(key))
    return device


def verified_client(user, client: Client | None = None) -> Client:
    client = client or Client()
    client.force_login(user)
    if mfa.required_for(user) or mfa.has_device(user):
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or enrol_authenticator(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client
