from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

validate_kvk_number = RegexValidator(
    r"^\d{8}$",
    _("Een KvK-nummer bestaat uit precies 8 cijfers, zonder spaties of punten."),
    code="invalid_kvk",
)
