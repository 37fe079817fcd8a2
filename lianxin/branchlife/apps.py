from django.apps import AppConfig


class BranchlifeConfig(AppConfig):
    name = "lianxin.branchlife"
    label = "branchlife"
    verbose_name = "支部组织生活纪实"
