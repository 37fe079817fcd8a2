"""The registers the 党群连心 apps share: a village's households and party members, which member
answers for which household (党员联户), and the county's organisation cadres. Visits, matters
(liaison) and cadres' areas and findings (guidance) point at these rows; the registers know
nothing of them."""

from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.core.models import OrgOwnedModel
from lianxin.core.personal import ID_CARD, MOBILE, PHONE, id_card_validator, mobile_validator, phone_validator
from lianxin.registers.choices import Gender, HouseholdStatus


class IdConsent(models.Model):
    """The person's consent to keeping their ID-card number, sensitive personal information
    under PIPL art. 28–29 (security.md item 22). An ID number is stored only with consent
    recorded: when, and who recorded it (`consent_by`, the username, as in the audit log).
    Withdrawing consent clears the number (services.withdraw_consent).

    Rows from before consent was recorded keep their numbers with `consent_given` False: the
    lists show them as 同意未登记 until a clerk records the consent or withdraws the number
    (migration 0003)."""

    CONSENT_FIELDS = ("consent_given", "consent_on", "consent_by")
    id_field = ""  # the ID-card number field of the concrete model

    consent_given = models.BooleanField(_("已同意登记身份证号"), default=False)
    consent_on = models.DateField(_("身份证号同意日期"), null=True, blank=True)
    consent_by = models.CharField(_("同意登记人"), max_length=150, blank=True)

    class Meta:
        abstract = True

    @property
    def id_number_value(self) -> str:
        return getattr(self, self.id_field)

    @property
    def consent_missing(self) -> bool:
        """An ID number kept from before consent was recorded (同意未登记)."""
        return bool(self.id_number_value) and not self.consent_given

    def give_consent(self, on: date, by: str) -> None:
        self.consent_given, self.consent_on, self.consent_by = True, on, by

    def id_needs_consent(self, stored: str = "") -> bool:
        """Whether storing this ID number (other than the one already `stored`) lacks consent."""
        return bool(self.id_number_value) and self.id_number_value != stored and not self.consent_given


class Household(IdConsent, OrgOwnedModel):
    """A household (户) of a village, identified by its number within the village."""

    personal_fields = {"head_id_number": ID_CARD, "phone": PHONE}  # masked on every path out (core/personal.py)
    id_field = "head_id_number"

    number = models.CharField(_("户号"), max_length=20)
    head_name = models.CharField(_("户主姓名"), max_length=50)
    head_id_number = models.CharField(_("户主身份证号"), max_length=18, blank=True, validators=[id_card_validator])
    size = models.PositiveSmallIntegerField(
        _("家庭人口"), default=1, validators=[MinValueValidator(1), MaxValueValidator(30)]
    )
    group = models.CharField(_("村民组"), max_length=30, blank=True)
    address = models.CharField(_("住址"), max_length=200, blank=True)
    phone = models.CharField(_("联系电话"), max_length=13, blank=True, validators=[phone_validator])
    tags = models.CharField(
        _("标签"), max_length=100, blank=True, help_text=_("如 低保户、独居老人、脱贫户，用顿号分隔")
    )
    status = models.CharField(_("状态"), max_length=10, choices=HouseholdStatus.choices, default=HouseholdStatus.ACTIVE)
    left_on = models.DateField(_("迁出/注销日期"), null=True, blank=True)
    # Set by `anonymise_departed` once the retention period after `left_on` has passed.
    anonymised_at = models.DateTimeField(_("匿名化时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("农户")
        verbose_name_plural = _("农户")
        ordering = ["org__code", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "number"],
                name="household_number_per_village",
                violation_error_message=_("本村已有该户号"),
            ),
            models.CheckConstraint(
                condition=models.Q(status=HouseholdStatus.ACTIVE, left_on__isnull=True)
                | (~models.Q(status=HouseholdStatus.ACTIVE) & models.Q(left_on__isnull=False)),
                name="household_left_on_when_departed",
                violation_error_message=_("迁出或注销须有日期，在册的户没有迁出日期"),
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.head_name}"

    def get_absolute_url(self):
        return reverse("registers:household_detail", kwargs={"pk": self.pk})

    @property
    def has_left(self) -> bool:
        return self.status != HouseholdStatus.ACTIVE

    @property
    def tag_list(self) -> list[str]:
        return [t for t in self.tags.split("、") if t]


class PartyMember(IdConsent, OrgOwnedModel):
    """A party member (党员) of a village branch."""

    personal_fields = {"id_number": ID_CARD, "mobile": MOBILE}
    id_field = "id_number"

    name = models.CharField(_("姓名"), max_length=50)
    gender = models.CharField(_("性别"), max_length=1, choices=Gender.choices)
    birth_date = models.DateField(_("出生日期"))
    joined_on = models.DateField(_("入党日期"), null=True, blank=True)
    post = models.CharField(_("党内职务"), max_length=50, blank=True)
    mobile = models.CharField(_("手机号"), max_length=11, blank=True, validators=[mobile_validator])
    id_number = models.CharField(_("身份证号"), max_length=18, blank=True, validators=[id_card_validator])
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登录账号"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="party_members",
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("党员")
        verbose_name_plural = _("党员")
        ordering = ["org__code", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "name", "birth_date"],
                name="member_per_branch",
                violation_error_message=_("本支部已有同名同生日的党员"),
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("registers:member_detail", kwargs={"pk": self.pk})

    def age_on(self, today: date) -> int:
        return (
            today.year
            - self.birth_date.year
            - ((today.month, today.day) < (self.birth_date.month, self.birth_date.day))
        )

    @property
    def under_35(self) -> bool:
        return self.age_on(timezone.localdate()) < 35


def born_after_for_under_35(today: date) -> date:
    """Members born after this date are under 35 on `today`."""
    try:
        return today.replace(year=today.year - 35)
    except ValueError:  # 29 February
        return today.replace(year=today.year - 35, day=28)


class HouseholdLink(OrgOwnedModel):
    """党员联户: a member answerable for a household. A household has at most one member."""

    member = models.ForeignKey(PartyMember, verbose_name=_("联户党员"), on_delete=models.CASCADE, related_name="links")
    household = models.ForeignKey(Household, verbose_name=_("农户"), on_delete=models.CASCADE, related_name="links")
    linked_on = models.DateField(_("联户日期"), default=timezone.localdate)

    class Meta:
        verbose_name = _("党员联户")
        verbose_name_plural = _("党员联户")
        ordering = ["member", "household__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["household"], name="one_member_per_household", violation_error_message=_("该户已有联户党员")
            )
        ]

    def __str__(self):
        return f"{self.member} → {self.household}"


class Cadre(OrgOwnedModel):
    """An organisation cadre (组工干部) of a county (or city) organisation department."""

    personal_fields = {"mobile": MOBILE}

    name = models.CharField(_("姓名"), max_length=50)
    unit = models.CharField(_("单位"), max_length=100, blank=True)
    post = models.CharField(_("职务"), max_length=50, blank=True)
    mobile = models.CharField(_("手机号"), max_length=11, blank=True, validators=[mobile_validator])
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登录账号"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("组工干部")
        verbose_name_plural = _("组工干部")
        ordering = ["org__code", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "name"], name="cadre_name_per_org", violation_error_message=_("已有同名干部")
            )
        ]

    def __str__(self):
        return self.name
