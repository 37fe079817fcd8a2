"""党群连心 pages: visits, matters and consultations (`records`), the live board (`board`).
Thin: rows from `restrict()`, changes through `services`, out of scope is 404."""
