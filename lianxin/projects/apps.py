from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "lianxin.projects"
    label = "projects"
    verbose_name = "项目清单"
