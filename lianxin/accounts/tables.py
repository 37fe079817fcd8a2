import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from lianxin.accounts.models import User


class UserTable(tables.Table):
    username = tables.Column(verbose_name=_("用户名"), linkify=("accounts:user_detail", {"pk": tables.A("pk")}))
    name = tables.Column(verbose_name=_("姓名"))
    # accessor="pk": left to its name, the column would call `User.roles()`, a query a row.
    roles = tables.Column(verbose_name=_("角色与组织"), accessor="pk", empty_values=(), orderable=False)
    is_active = tables.BooleanColumn(verbose_name=_("启用"), yesno="是,否")
    last_login = tables.DateTimeColumn(verbose_name=_("最近登录"), format="Y-m-d H:i")

    class Meta:
        model = User
        fields = ("username", "name", "mobile", "roles", "is_active", "last_login")
        attrs = {"class": "table table-sm table-hover align-middle"}

    def render_roles(self, record):
        return "；".join(f"{a.get_role_display()}·{a.org.short_name}" for a in record.role_assignments.all())

    def value_roles(self, record):
        return self.render_roles(record)
