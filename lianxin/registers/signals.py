"""What the registers tell the apps built on them. The registers import none of those apps;
an app that keeps figures over the registers (liaison's per-village summary rows) listens here.
Signals are sent inside the service's transaction, so a receiver's writes commit or roll back
with the change."""

from django.dispatch import Signal

# Sent by the model that changed (Household, PartyMember, HouseholdLink), with `village` (an
# Org), when the number of the village's households, members or links may have changed.
roll_changed = Signal()
