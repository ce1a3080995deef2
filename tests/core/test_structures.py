from __future__ import annotations

import pickle
from datetime import datetime, timedelta, timezone

import pytest

import falcon.util
import falcon.util.structures
import falcon.util.time
from falcon.core._deprecation import DeprecatedWarning
from falcon.core._structures import CaseInsensitiveDict, Context, ETag, TimezoneGMT


class TestCaseInsensitiveDict:
    def test_lookup_ignores_case(self) -> None:
        cid = CaseInsensitiveDict({'Content-Type': 'text/plain'})
        assert cid['content-type'] == 'text/plain'
        assert cid['CONTENT-TYPE'] == 'text/plain'
        assert 'content-TYPE' in cid
        assert 42 not in cid  # type: ignore[comparison-overlap]
        assert cid.get('missing') is None

    def test_last_key_case_is_kept(self) -> None:
        cid = CaseInsensitiveDict()
        cid['Accept'] = 1
        cid['ACCEPT'] = 2
        assert list(cid) == ['ACCEPT']
        assert dict(cid.items()) == {'ACCEPT': 2}
        assert len(cid) == 1

    def test_delete_and_lower_items(self) -> None:
        cid = CaseInsensitiveDict([('A', 1), ('b', 2)], C=3)
        del cid['a']
        assert sorted(cid.lower_items()) == [('b', 2), ('c', 3)]
        with pytest.raises(KeyError):
            del cid['a']

    @pytest.mark.parametrize(
        ('other', 'expected'),
        [
            ({'x-one': 1, 'X-TWO': 2}, True),
            (CaseInsensitiveDict({'X-ONE': 1, 'x-two': 2}), True),
            ({'x-one': 1}, False),
            ({'x-one': 1, 'x-two': 3}, False),
        ],
    )
    def test_equality(self, other: object, expected: bool) -> None:
        cid = CaseInsensitiveDict({'X-One': 1, 'X-Two': 2})
        assert (cid == other) is expected

    def test_equality_with_non_mapping(self) -> None:
        assert CaseInsensitiveDict() != []
        assert CaseInsensitiveDict() != 'x'

    def test_copy_is_independent(self) -> None:
        cid = CaseInsensitiveDict({'A': 1})
        clone = cid.copy()
        clone['a'] = 2
        assert cid['A'] == 1
        assert list(clone) == ['a']
        assert isinstance(clone, CaseInsensitiveDict)

    def test_repr(self) -> None:
        assert repr(CaseInsensitiveDict({'A': 1})) == "{'A': 1}"


class TestContext:
    def test_attribute_and_item_access_share_data(self) -> None:
        ctx = Context()
        ctx.user = 'alice'
        assert ctx['user'] == 'alice'
        ctx['role'] = 'admin'
        assert ctx.role == 'admin'
        assert 'role' in ctx
        assert len(ctx) == 2
        assert sorted(ctx) == ['role', 'user']
        del ctx['role']
        assert not hasattr(ctx, 'role')

    def test_missing_item_raises_key_error(self) -> None:
        with pytest.raises(KeyError):
            Context()['missing']
        with pytest.raises(AttributeError):
            Context().missing  # noqa: B018

    def test_mapping_methods(self) -> None:
        ctx = Context()
        ctx.update({'a': 1, 'b': 2})
        assert ctx.get('a') == 1
        assert ctx.get('z') is None
        assert ctx.get('z', 0) == 0
        assert list(ctx.keys()) == ['a', 'b']
        assert list(ctx.values()) == [1, 2]
        assert list(ctx.items()) == [('a', 1), ('b', 2)]
        assert ctx.setdefault('a', 5) == 1
        assert ctx.setdefault('c', 3) == 3
        assert ctx.setdefault('d') is None
        assert ctx.pop('d') is None
        assert ctx.pop('missing') is None
        assert ctx.pop('missing', 'dflt') == 'dflt'
        assert ctx.pop('c') == 3
        assert ctx.popitem() == ('b', 2)
        ctx.clear()
        assert len(ctx) == 0
        with pytest.raises(KeyError):
            ctx.popitem()

    def test_copy_keeps_type(self) -> None:
        class MyContext(Context):
            pass

        ctx = MyContext()
        ctx.items_list = [1]
        clone = ctx.copy()
        assert type(clone) is MyContext
        assert clone == ctx
        clone.other = 1
        assert 'other' not in ctx

    def test_equality(self) -> None:
        ctx = Context()
        ctx.a = 1
        other = Context()
        other.a = 1
        assert ctx == other
        assert ctx == {'a': 1}
        assert ctx != {'a': 2}
        other.a = 2
        assert ctx != other

    def test_repr(self) -> None:
        ctx = Context()
        ctx.a = 1
        assert repr(ctx) == "Context({'a': 1})"
        assert str(ctx) == repr(ctx)

    def test_names_shadowing_methods_via_items(self) -> None:
        ctx = Context()
        ctx['get'] = 'value'
        assert ctx['get'] == 'value'

    def test_pickle(self) -> None:
        ctx = Context()
        ctx.a = 1
        assert pickle.loads(pickle.dumps(ctx)) == ctx


class TestETag:
    @pytest.mark.parametrize(
        ('text', 'value', 'is_weak', 'dumped'),
        [
            ('"abc"', 'abc', False, '"abc"'),
            ('W/"abc"', 'abc', True, 'W/"abc"'),
            ('w/"abc"', 'abc', True, 'W/"abc"'),
            ('abc', 'abc', False, '"abc"'),
            ('""', '', False, '""'),
            ('"', '"', False, '"""'),
        ],
    )
    def test_loads_dumps(self, text: str, value: str, is_weak: bool, dumped: str) -> None:
        etag = ETag.loads(text)
        assert etag == value
        assert etag.is_weak is is_weak
        assert etag.dumps() == dumped

    def test_is_weak_defaults_false(self) -> None:
        assert ETag('x').is_weak is False
        assert isinstance(ETag('x'), str)

    @pytest.mark.parametrize(
        ('left', 'right', 'expected'),
        [
            ('"1"', '"1"', True),
            ('W/"1"', '"1"', False),
            ('"1"', 'W/"1"', False),
            ('W/"1"', 'W/"1"', False),
            ('"1"', '"2"', False),
        ],
    )
    def test_strong_compare(self, left: str, right: str, expected: bool) -> None:
        assert ETag.loads(left).strong_compare(ETag.loads(right)) is expected
        # Weak comparison is plain string equality.
        assert (ETag.loads(left) == ETag.loads(right)) is (left.strip('W/') == right.strip('W/'))


class TestTimezoneGMT:
    def test_offsets(self) -> None:
        with pytest.warns(DeprecatedWarning):
            gmt = TimezoneGMT()
        moment = datetime(2020, 6, 1, 12, tzinfo=gmt)
        assert gmt.utcoffset(moment) == timedelta(0)
        assert gmt.dst(moment) == timedelta(0)
        assert gmt.tzname(moment) == 'GMT'
        assert TimezoneGMT.GMT_ZERO == timedelta(hours=0)
        assert moment == datetime(2020, 6, 1, 12, tzinfo=timezone.utc)
        assert moment.strftime('%Z') == 'GMT'


def test_public_modules() -> None:
    assert falcon.util.structures.CaseInsensitiveDict is CaseInsensitiveDict
    assert falcon.util.structures.Context is Context
    assert falcon.util.structures.ETag is ETag
    assert falcon.util.time.TimezoneGMT is TimezoneGMT
    assert falcon.util.Context is Context
    assert falcon.util.TimezoneGMT is TimezoneGMT
