"""Similar-case ranking, explanations, divergence alert, the API and the evaluation command."""

from __future__ import annotations

import io
import math
from pathlib import Path

import pytest
from django.core.management import call_command

from yizhan.accounts.models import Role
from yizhan.factories import demo_courts, litigant, user_with_role
from yizhan.filing.tests.helpers import Api
from yizhan.publication import search
from yizhan.publication.search import benchmarks, legal, metrics, similar, store

SAMPLE = Path(__file__).parent / "data" / "search_sample"


@pytest.fixture(scope="session", autouse=True)
def search_schema(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        store.ensure_schema(force=True)


CASES = [
    # doc_id, facts, outcome, published
    ("s1", "被告人醉酒后驾驶机动车在道路上行驶，经检测血液酒精含量为一百二十毫克。",
     "被告人甲犯危险驾驶罪，判处拘役二个月。"
     "依照《中华人民共和国刑法》第一百三十三条之一、第六十七条。", True),
    ("s2", "被告人醉酒驾驶机动车。",
     "被告人乙犯危险驾驶罪，判处拘役一个月，缓刑二个月。"
     "依照《中华人民共和国刑法》第一百三十三条之一。", True),
    ("s3", "被告人入户盗窃他人手机一部，在道路上被抓获。",
     "被告人丙犯盗窃罪，判处有期徒刑六个月。依照《中华人民共和国刑法》第二百六十四条。", True),
    ("s4", "被告人醉酒后驾驶机动车在道路上行驶，经检测血液酒精含量为一百二十毫克。",
     "被告人丁犯危险驾驶罪，判处拘役三个月。", False),
]  # fmt: skip
QUERY = "被告人醉酒后驾驶机动车，经检测血液酒精含量为一百五十毫克。依照刑法第一百三十三条之一。"


@pytest.fixture
def corpus(db):
    for doc_id, facts, outcome, pub in CASES:
        search.index_document(doc_id, "粤0802", 2024, "刑事", "", f"{doc_id}判决书",
                              facts + outcome, pub, facts=facts, outcome=outcome,
                              case_number=f"（2024）粤0802刑初{doc_id[1]}号")  # fmt: skip
    yield
    store.clear("public")


def test_ranking_order_and_unpublished_excluded(corpus):
    out = search.similar_cases(QUERY, charges=["危险驾驶罪"])
    assert [r["doc_id"] for r in out["results"]] == ["s1", "s2", "s3"]
    assert out["results"][0]["score"] == 2.0  # best BM25 (normalised 1) + charge match 1
    assert out["query_charges"] == ["危险驾驶罪"]


def test_two_stage_ranking_drops_withdrawn_and_excluded_documents(corpus, monkeypatch):
    # the pruned path of large indexes (candidate generation + re-scoring of the best RERANK)
    exhaustive = similar.rank(
        similar.load("public"), similar.Query(QUERY, ("危险驾驶罪",)), limit=5
    )
    monkeypatch.setattr(similar, "PRUNE_MIN_DOCS", 1)
    monkeypatch.setattr(similar, "RERANK", 2)
    monkeypatch.setattr(similar, "POSTINGS_BUDGET", 10**6)
    idx = similar.load("public")
    assert idx.n_unpublished == 1  # s4: its facts equal s1's, BM25 ties with the best
    pruned = similar.rank(idx, similar.Query(QUERY, ("危险驾驶罪",)), limit=5)
    assert [d for d, _ in pruned] == ["s1", "s2"] == [d for d, _ in exhaustive][:2]
    q = similar.Query(QUERY, ("危险驾驶罪",), exclude=("s1",))
    # (s3 shares only bigrams in > 30 % of these 4 documents: never a candidate when pruning)
    assert [d for d, _ in similar.rank(idx, q, limit=5)] == ["s2"]


def test_charges_read_from_the_facts_when_not_given(corpus):
    out = search.similar_cases("被告人构成危险驾驶罪。醉酒驾驶机动车。")
    assert out["query_charges"] == ["危险驾驶罪"]
    assert [r["doc_id"] for r in out["results"]][:2] == ["s2", "s1"]


def test_explanation_fields(corpus):
    top = search.similar_cases(QUERY, charges=["危险驾驶罪"])["results"][0]
    assert top["why"]["shared_charges"] == ["危险驾驶罪"]
    assert top["why"]["shared_articles"] == ["刑法第133条之一"]
    assert top["why"]["articles"] == ["刑法第133条之一", "刑法第67条"]
    assert {"醉酒", "血液", "酒精", "毫克"} <= set(top["why"]["key_facts"])
    assert "一百五十" not in top["why"]["key_facts"]  # not in the candidate's facts
    assert top["sentence"] == {"kind": "detention", "months": 2.0, "probation": False,
                               "severity": 2.0}  # fmt: skip


def test_divergence_alert_custodial_and_probation(corpus):
    alert = search.similar_cases(QUERY, charges=["危险驾驶罪"])["alert"]
    assert alert["charge"] == "危险驾驶罪"
    assert alert["reasons"] == ["custodial_and_non_custodial"]
    assert alert["custodial"] == ["s1"]
    assert alert["non_custodial"] == ["s2"]


def _r(doc_id, months, kind="fixed", probation=False, charges=("盗窃罪",)):
    s = legal.Sentence(kind, months, probation)
    return {"doc_id": doc_id, "charges": list(charges), "sentence": similar.sentence_dict(s)}


def test_divergence_sentence_gap():
    alert = similar.divergence([_r("a", 6), _r("b", 8), _r("c", 60)])
    assert alert["reasons"] == ["sentence_gap"]
    assert alert["min"] == {"doc_id": "a", "months": 6.0}
    assert alert["max"] == {"doc_id": "c", "months": 60.0}


def test_no_divergence_when_outcomes_are_alike():
    assert similar.divergence([_r("a", 6), _r("b", 10), _r("c", 12)]) is None
    # other charges are not compared
    assert similar.divergence([_r("a", 6), _r("b", 8), _r("c", 120, charges=("抢劫罪",))]) is None


def test_legal_readers():
    assert legal.charges("被告人犯盗窃罪、诈骗罪，数罪并罚") == ["盗窃罪", "诈骗罪"]
    assert legal.sentence("判处有期徒刑一年五个月").months == 17.0
    assert legal.sentence("判处无期徒刑").kind == "life"
    assert legal.articles("《中华人民共和国刑法》第二百六十四条、第六十七条第三款") == [
        "刑法第264条", "刑法第67条"]  # fmt: skip


def test_metrics_by_hand():
    labels = {"a": 2, "b": 3, "c": 0}
    assert metrics.ndcg(["a", "b", "c"], labels, 30) == pytest.approx(
        (2 + 3 / math.log2(3)) / (3 + 2 / math.log2(3))
    )
    assert metrics.average_precision(["a", "b", "c"], labels) == 0.5


def test_evaluate_command_on_bundled_sample():
    out = io.StringIO()
    call_command("evaluate_similar", "--benchmark", "lecard", "--split", "test20",
                 "--protocol", "labelled30", "--data", str(SAMPLE), stdout=out)  # fmt: skip
    assert out.getvalue().strip().splitlines()[-1] == (
        "similar lecard/test20/labelled30: NDCG@10=0.9134 NDCG@20=0.9134 NDCG@30=0.9134 MAP=0.5000"
    )
    out = io.StringIO()
    call_command("evaluate_similar", "--split", "train85", "--protocol", "pool100",
                 "--data", str(SAMPLE), stdout=out)  # fmt: skip
    assert out.getvalue().strip().splitlines()[-1] == (
        "similar lecard/train85/pool100: NDCG@10=1.0000 NDCG@20=1.0000 NDCG@30=1.0000 MAP=1.0000"
    )


# --- API -------------------------------------------------------------------------------------


@pytest.fixture
def judge(corpus):
    courts = demo_courts()
    return user_with_role(Role.JUDGE, courts["粤0802"], id_number=None)


def test_api_similar_success_post_and_get(judge):
    api = Api(judge)
    r = api.post("/publication/similar", {"facts": QUERY, "charges": ["危险驾驶罪"], "limit": 2})
    assert r.status_code == 200, r.content
    assert [x["doc_id"] for x in r.json()["results"]] == ["s1", "s2"]
    r = api.get("/publication/similar", facts=QUERY, limit=3)
    assert r.status_code == 200, r.content
    assert next(x["doc_id"] for x in r.json()["results"]) == "s1"


def test_api_similar_by_indexed_document_excludes_itself(judge):
    r = Api(judge).post("/publication/similar", {"doc_id": "s1"})
    assert r.status_code == 200, r.content
    assert [x["doc_id"] for x in r.json()["results"]] == ["s2", "s3"]


def test_api_similar_denied_to_anonymous_and_litigants(judge):
    assert Api().post("/publication/similar", {"facts": QUERY}).status_code == 401
    assert Api(litigant()).post("/publication/similar", {"facts": QUERY}).status_code == 403


@pytest.mark.parametrize("body", [{}, {"facts": "   "}, {"facts": "x", "limit": 0},
                                  {"facts": "x" * 20001}])  # fmt: skip
def test_api_similar_bad_input(judge, body):
    r = Api(judge).post("/publication/similar", body)
    assert r.status_code == 422, r.content
    assert set(r.json()) == {"code", "message", "fields"}


def test_api_similar_unknown_or_unpublished_document_is_not_found(judge):
    assert Api(judge).post("/publication/similar", {"doc_id": "s4"}).status_code == 404
    assert Api(judge).post("/publication/similar", {"doc_id": "nope"}).status_code == 404


# --- real data -------------------------------------------------------------------------------

LECARD = benchmarks.shared_data() / "lecard"
SCM = benchmarks.shared_data() / "cail2019_scm"


@pytest.mark.skipif(not SCM.exists(), reason="../shared/data/cail2019_scm is missing")
def test_scm_sample_accuracy_beats_chance():
    trip = benchmarks.scm_split(benchmarks.scm_triplets(SCM))
    assert (len(trip["final"]), len(trip["dev"])) == (105, 395)
    assert benchmarks.scm_accuracy(trip["dev"]) > 0.6


@pytest.mark.slow
@pytest.mark.skipif(not LECARD.exists(), reason="../shared/data/lecard is missing")
def test_lecard_metric_code_reproduces_published_bm25_run():
    m = benchmarks.evaluate_official_run(LECARD, "bm25", "test20", "labelled30")
    assert [round(m[k], 3) for k in ("NDCG@10", "NDCG@20", "NDCG@30", "MAP")] == [
        0.739, 0.804, 0.894, 0.498]  # fmt: skip


def test_snapshot_round_trip_gives_identical_scores(tmp_path):
    from yizhan.publication.search.engine import Bm25Field

    f = Bm25Field(similar.K1, similar.B)
    for _, facts, outcome, _ in CASES:
        f.add(legal_text_bigrams(facts + outcome))
    f.freeze()
    f.save(tmp_path / "s.bin", {"ids": [1, 2, 3, 4]})
    g, meta = Bm25Field.load(tmp_path / "s.bin")
    assert meta["ids"] == [1, 2, 3, 4]
    terms = set(legal_text_bigrams(QUERY))
    assert f.score_only(terms, range(4)) == g.score_only(terms, range(4))
    acc = g.accumulate(sorted(terms))
    assert g.touched(acc) == {0, 1, 2, 3}
    assert [acc[o] for o in range(4)] == [f.score(dict.fromkeys(sorted(terms), 1.0))[o]
                                          for o in range(4)]  # fmt: skip


def legal_text_bigrams(s):
    from yizhan.publication.search import text

    return text.bigrams(s)


def test_load_from_snapshot_then_appends_new_and_ignores_removed(corpus, settings, tmp_path,
                                                                 monkeypatch):  # fmt: skip
    settings.YIZHAN_SEARCH_DIR = str(tmp_path)
    monkeypatch.setattr(similar, "SNAPSHOT_MIN_DOCS", 1)
    monkeypatch.setattr(similar, "SNAPSHOT_STALE", 10.0)  # keep it: exercise the delta path
    similar.build_snapshot("public")
    assert similar.snapshot_path("public").exists()
    before = search.similar_cases(QUERY, charges=["危险驾驶罪"])
    search.index_document("s5", "粤0802", 2024, "刑事", "", "s5判决书", "被告人醉酒驾驶机动车。",
                          facts="被告人醉酒驾驶机动车。", outcome="被告人犯危险驾驶罪，判处拘役一个月。")  # fmt: skip
    search.remove_document("s3")
    idx = similar.load("public")
    assert "s5" in idx.by_id
    assert "s3" not in idx.by_id
    after = search.similar_cases(QUERY, charges=["危险驾驶罪"])
    assert "s3" not in [r["doc_id"] for r in after["results"]]
    assert "s5" in [r["doc_id"] for r in after["results"]]
    assert before["results"][0]["doc_id"] == after["results"][0]["doc_id"] == "s1"


def test_forward_index_scores_equal_the_postings_scores(tmp_path, monkeypatch):
    """score_only through the forward index of frequent terms (stored impacts; after documents
    are added: impacts from the new statistics, and binary searches for the new documents)
    gives the scores of the postings-only path."""
    import random

    from yizhan.publication.search import engine

    rnd = random.Random(8)
    vocab = [f"t{i}" for i in range(400)]
    weights = [1 / (i + 1) for i in range(400)]  # Zipf-like: many frequent terms

    def doc():
        return rnd.choices(vocab, weights, k=rnd.randint(20, 120))

    f = engine.Bm25Field(similar.K1, similar.B)
    for _ in range(200):
        f.add(doc())
    f.freeze()
    f.save(tmp_path / "s.bin", {})
    g, _ = engine.Bm25Field.load(tmp_path / "s.bin")
    assert g._fwd_n == 200
    assert len(g._fwd_terms) > 40
    query = set(vocab[:150]) | {"unknown"}

    def both(field, ords):
        monkeypatch.setattr(engine, "FORWARD_MIN_TERMS", 1)
        fwd = field.score_only(query, ords)
        monkeypatch.setattr(engine, "FORWARD_MIN_TERMS", 10**9)
        plain = field.score_only(query, ords)
        assert fwd.keys() == plain.keys() == set(ords)
        for o in ords:
            assert math.isclose(fwd[o], plain[o], rel_tol=1e-12, abs_tol=1e-12)
        return fwd

    ords = sorted(rnd.sample(range(200), 60))
    both(g, ords)
    assert g.score_only(query, ords) == f.score_only(query, ords)  # same floats after loading
    for _ in range(7):  # documents added since the snapshot: statistics change
        g.add(doc())
    g.freeze()
    both(g, [*ords, 200, 203, 206])
