# Saves a go-i18n TOML catalogue through translate-toolkit's GoI18nTOMLFile,
# the store Weblate (5.15 on) uses for its "go-i18n TOML file" format, as
# Weblate saves a translation: read the file, set a unit's target (or
# none), write it back. See gen.sh.
#
#   python3 store.py IN OUT [UNIT-ID TEXT]
import sys

from translate.storage.toml import GoI18nTOMLFile

src, dst = sys.argv[1], sys.argv[2]
with open(src, "rb") as f:
    store = GoI18nTOMLFile(f)
if len(sys.argv) > 3:
    uid, text = sys.argv[3], sys.argv[4]
    units = [u for u in store.units if u.getid() == uid]
    if len(units) != 1:
        sys.exit(f"no unit {uid!r}; the store has: {[u.getid() for u in store.units][:6]}…")
    units[0].target = text
with open(dst, "wb") as f:
    store.serialize(f)
print(f"{dst}: {len(store.units)} units", file=sys.stderr)
