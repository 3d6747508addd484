"""Which account owns a profile, on both engines (the web app's rules: tests/test_web_owners.py)."""

from __future__ import annotations

import pytest

from newsbrief.accounts import add_user, list_users, remove_user, set_admin
from newsbrief.models import Profile
from newsbrief.ownership import create_owned, may_see, own_default, owner_of, visible_names
from newsbrief.store import Store

pytestmark = pytest.mark.engines


def test_owners_admins_and_removal(tmp_path):
    with Store(tmp_path / "s.db") as store:
        ana = add_user(store, "ana", "correct horse")
        bo = add_user(store, "bo", "correct horse")
        assert ana.admin and not bo.admin, "the first account is the admin"
        assert own_default(store, bo).name == "bo"
        assert own_default(store, bo).name == "bo", "made once"
        assert create_owned(store, Profile(name="work"), bo)
        assert not create_owned(store, Profile(name="work", role="thief"), ana), "name taken"
        assert store.get_profile("work").role == "" and owner_of(store, "work") == bo.id
        store.save_profile(Profile(name="team"))  # the command line's: no owner
        assert visible_names(store, bo) == ["bo", "work"]
        assert visible_names(store, ana) == ["default", "bo", "team", "work"]
        assert not may_see(store, bo, "team") and may_see(store, ana, "team")
        # "bo" is taken by bo's profile: ana's own first profile gets a suffix.
        store.save_profile(Profile(name="ana"))
        assert own_default(store, ana).name == "ana-2"
        set_admin(store, "bo", True)
        assert {u.name: u.admin for u in list_users(store)} == {"ana": True, "bo": True}
        assert remove_user(store, "bo")
        assert owner_of(store, "work") is None and store.get_profile("work") is not None
