"""The ``kg`` command line: a thin layer over the library functions."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kg.articles import MAX_BYTES
from kg.errors import KGError

if TYPE_CHECKING:
    from rdflib import Graph
    from rich.progress import TaskID

    from kg.build import Progress
    from kg.document import ConlluDirParser

app = typer.Typer(help="Knowledge graphs of actors and events from Indonesian news.", no_args_is_help=True, add_completion=False)
models_app = typer.Typer(help="Train and evaluate kg's Indonesian Stanza models.", no_args_is_help=True)
app.add_typer(models_app, name="models")

DEFAULT_DATA = Path("../shared/data")


def _fail(exc: KGError, code: int = 2) -> None:
    typer.secho(f"error: {exc}", err=True, fg=typer.colors.RED)
    raise typer.Exit(code)


def _echo_paths(paths: dict[str, Path]) -> None:
    """One indented line per file written."""
    for name, path in paths.items():
        typer.echo(f"  {name}: {path}")


def _parse_params(params: list[str]) -> dict[str, str]:
    out = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep:
            raise typer.BadParameter(f"--param takes NAME=VALUE, got {item!r}")
        out[key] = value
    return out


@app.command()
def build(
    inputs: Annotated[list[str], typer.Argument(help="Article files, directories, globs or JSONL files.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("output"),
    select: Annotated[
        list[str] | None, typer.Option("--select", help="Only build the article with this id (repeatable).")
    ] = None,
    models: Annotated[
        str,
        typer.Option(
            help="'shipped' (kg's models, offline) or 'official' (Stanza's downloaded ones).", envvar="KG_STANZA_MODELS"
        ),
    ] = "shipped",
    no_validate: Annotated[bool, typer.Option("--no-validate", help="Skip SHACL validation.")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Exit non-zero when any article fails.")] = False,
    gold: Annotated[
        Path | None, typer.Option("--gold", help="Only build the articles listed in this gold file's 'articles'.")
    ] = None,
    store: Annotated[
        Path | None,
        typer.Option("--store", help="Add the articles to this persistent store (created if missing); OUT gets the whole store."),
    ] = None,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", min=1, help="Skip an article (status too_large) over this many bytes.")
    ] = MAX_BYTES,
    any_language: Annotated[
        bool, typer.Option("--any-language", help="Build articles that look non-Indonesian instead of skipping them.")
    ] = False,
    workers: Annotated[int, typer.Option("--workers", "-j", help="Parse and extract in N processes on this machine.")] = 1,
    no_outputs: Annotated[
        bool,
        typer.Option("--no-outputs", help="With --store: write only report.json (what changed), not the whole store's files."),
    ] = False,
    threads: Annotated[
        int | None,
        typer.Option("--threads", min=1, help="Torch threads per parsing process (default: free cores / workers)."),
    ] = None,
    scheduler: Annotated[
        str | None, typer.Option("--scheduler", help="Parse and extract on this Dask scheduler (tcp://HOST:8786).")
    ] = None,
    cache: Annotated[
        Path | None,
        typer.Option("--cache", help="Parse cache folder (default: OUT/.cache/parses).", envvar="KG_CACHE_DIR"),
    ] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Parse every article; neither read nor write the cache.")] = False,
    show_progress: Annotated[
        bool | None,
        typer.Option("--progress/--no-progress", help="Progress bars on stderr (default: when stderr is a terminal)."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Build even when OUT is up to date with the inputs, kg, the models and the store.")
    ] = False,
    disable_rule: Annotated[
        list[str] | None,
        typer.Option(
            "--disable-rule", help="Build without this extraction rule (repeatable; `kg rules` lists them): an ablation."
        ),
    ] = None,
    event_threshold: Annotated[
        float | None,
        typer.Option(
            "--event-threshold",
            help="Drop asserted events the event scorer gives a lower probability (default: the scorer's, chosen on dev).",
        ),
    ] = None,
    event_model: Annotated[
        Path | None, typer.Option("--event-model", help="Score events with this scorer file instead of the shipped one.")
    ] = None,
    no_event_model: Annotated[
        bool,
        typer.Option("--no-event-model", help="Build from the rules alone: no event proposer or scorer, the rules' confidences."),
    ] = False,
    event_proposer: Annotated[
        Path | None,
        typer.Option("--event-proposer", help="Add the events of this event model the rules lack, instead of the shipped one's."),
    ] = None,
    no_event_proposer: Annotated[
        bool, typer.Option("--no-event-proposer", help="Build without the event model's proposals (the rules and the scorer).")
    ] = False,
) -> None:
    """Build the knowledge graph of ARTICLES into OUT (graph.ttl, network.html, report.json ...).

    When nothing the outputs depend on has changed since the last build into OUT (the input files,
    kg, its models, the settings, the store), there is nothing to do and OUT is left as it is.
    """
    from dataclasses import asdict

    from kg.articles import InputPolicy
    from kg.freshness import build_key, folder_state, inputs_digest, is_current, store_state, write_stamp
    from kg.nlp.pipeline import NlpSettings, model_identity

    chosen = list(select or ())
    if gold is not None:
        from kg.event_corpus import article_ids, is_event_corpus

        try:
            listed = (
                article_ids(gold) if is_event_corpus(gold) else json.loads(gold.read_text(encoding="utf-8")).get("articles", [])
            )
            chosen += listed
        except (KGError, OSError, json.JSONDecodeError, KeyError) as exc:
            _fail(KGError(f"cannot read the article list of {gold}: {exc}"))
    policy = InputPolicy(max_bytes=max_bytes, check_language=not any_language)
    disabled = sorted(set(disable_rule or ()))
    if disabled:
        from kg.lexicon import get_lexicon

        if store is not None:
            _fail(KGError("--disable-rule builds an ablation into OUT only: leave out --store (a store keeps one rule set)"))
        try:
            get_lexicon().check_rules(set(disabled))
        except KGError as exc:
            _fail(exc)
    if no_event_model and event_model is not None:
        _fail(KGError("give --event-model PATH or --no-event-model, not both"))
    scorer_setting = None if no_event_model else str(event_model) if event_model is not None else "shipped"
    if no_event_proposer and event_proposer is not None:
        _fail(KGError("give --event-proposer PATH or --no-event-proposer, not both"))
    if no_event_model and event_proposer is not None:
        _fail(KGError("give --event-proposer PATH or --no-event-model (the rules alone), not both"))
    proposer_setting = None if no_event_proposer else str(event_proposer) if event_proposer is not None else "shipped"
    if store is not None and (scorer_setting != "shipped" or event_threshold is not None or proposer_setting != "shipped"):
        _fail(
            KGError(
                "--event-model, --event-threshold, --event-proposer and their --no- forms build into OUT only: "
                "a store keeps one scoring"
            )
        )
    try:
        from kg.event_scorer import EventScoring

        scoring = EventScoring(scorer_setting, event_threshold, proposer_setting).describe(frozenset(disabled))
    except KGError as exc:
        _fail(exc)
        return
    conllu_dir = _conllu_dir_from_env()
    try:
        digest = inputs_digest(inputs)
    except KGError as exc:
        _fail(exc)
        return
    context: dict[str, object] = {
        "select": sorted(set(chosen)),
        "validate": not no_validate,
        "policy": asdict(policy),
        "models": model_identity(NlpSettings(models=models)),
        "parses": folder_state(conllu_dir) if conllu_dir is not None else None,
        "store": store_state(store),
        **({"no_outputs": True} if no_outputs else {}),
        **({"disabled_rules": disabled} if disabled else {}),
        "event_scorer": scoring,
    }
    if not force and is_current(out, build_key(digest, context)):
        _up_to_date(out, strict)
        return
    from kg.build import BuildSettings, write_outputs, write_report
    from kg.build import build as run_build
    from kg.cache import ParseCache
    from kg.workers import Execution

    settings = BuildSettings(
        validate=not no_validate,
        select=tuple(chosen),
        models=models,
        input_policy=policy,
        disabled_rules=tuple(disabled),
        event_model=scorer_setting,
        event_threshold=event_threshold,
        event_proposer=proposer_setting,
    )
    try:
        parser = _conllu_parser_from_env()
        execution = Execution(workers=workers, scheduler=scheduler, threads=threads)
        parse_cache = (
            None if no_cache else ParseCache(cache or out / ".cache" / "parses", model_identity(NlpSettings(models=models)))
        )
        with _ProgressBars(show_progress) as bars:
            if store is not None:
                from kg.store import build_into_store

                result = build_into_store(
                    inputs,
                    store,
                    settings,
                    parser=parser,
                    progress=bars,
                    execution=execution,
                    cache=parse_cache,
                    outputs=not no_outputs,
                )
            else:
                result = run_build(inputs, settings, parser=parser, progress=bars, execution=execution, cache=parse_cache)
            paths = write_report(result, out) if no_outputs else write_outputs(result, out, progress=bars)
        context["store"] = store_state(store)  # the generation this build left the store at
        write_stamp(out, build_key(digest, context), paths)
    except KGError as exc:
        _fail(exc)
        return
    report = result.report_dict()
    totals = report["totals"]
    assert isinstance(totals, dict)
    typer.echo(
        f"{totals['ok']}/{totals['articles']} articles built: {totals['actors']} actors, "
        f"{totals['events']} events ({totals['asserted_events']} asserted), {totals['triples']} triples "
        f"in {result.timings.get('total', 0):.1f} s"
    )
    for r in result.reports:
        if r.status != "ok":
            typer.secho(f"  {r.id}: {r.status}: {'; '.join(r.errors or r.warnings)}", err=True, fg=typer.colors.YELLOW)
    if result.shacl_conforms is False:
        typer.secho(f"  SHACL: {len(result.shacl_violations)} violations (see report.json)", err=True, fg=typer.colors.YELLOW)
    cache_line = f"{result.cache.hits} hits, {result.cache.misses} misses" if result.cache else "off"
    typer.echo(
        f"  articles: {totals['ok']} ok, {totals['failed']} failed, {totals['skipped']} skipped; parse cache: {cache_line}"
    )
    stages = ("read", "parse", "extract", "cache", "map", "validate", "write")
    typer.echo("  seconds: " + ", ".join(f"{k} {result.timings[k]:.2f}" for k in stages if k in result.timings))
    _echo_paths(paths)
    if strict and not all(r.status in ("ok", "duplicate") for r in result.reports):
        raise typer.Exit(1)


def _up_to_date(out: Path, strict: bool) -> None:
    """Say that OUT is current (with the last build's totals from report.json); exit 1 under --strict if it failed."""
    try:
        totals = json.loads((out / "report.json").read_text(encoding="utf-8"))["totals"]
    except (OSError, ValueError, KeyError, TypeError):
        totals = None
    typer.echo(f"{out} is up to date: nothing changed since the last build into it (--force builds again).")
    if isinstance(totals, dict):
        typer.echo(
            f"  last build: {totals.get('ok')}/{totals.get('articles')} articles built, {totals.get('actors')} actors, "
            f"{totals.get('events')} events; {totals.get('failed')} failed (see {out / 'report.json'})"
        )
        if strict and totals.get("failed"):
            raise typer.Exit(1)


def _conllu_dir_from_env() -> Path | None:
    import os

    folder = os.environ.get("KG_CONLLU_DIR")
    return Path(folder) if folder else None


def _conllu_parser_from_env() -> ConlluDirParser | None:
    """Test hook: ``KG_CONLLU_DIR=DIR`` makes ``kg build`` read ``DIR/<article id>.conllu`` instead of parsing."""
    folder = _conllu_dir_from_env()
    if folder is None:
        return None
    from kg.document import ConlluDirParser

    return ConlluDirParser(folder)


@app.command()
def remove(
    ids: Annotated[list[str], typer.Argument(help="Ids of the articles to delete.")],
    store: Annotated[Path, typer.Option("--store", help="The store to delete them from.")],
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Also rewrite graph.ttl, network.html, report.json ... here.")
    ] = None,
    no_validate: Annotated[bool, typer.Option("--no-validate", help="Skip SHACL validation.")] = False,
) -> None:
    """Delete articles from a store and recompute its corpus graph (actor merges, labels)."""
    from kg.build import BuildSettings, write_outputs
    from kg.store import remove_from_store

    try:
        result = remove_from_store(ids, store, BuildSettings(validate=not no_validate), outputs=out is not None)
        paths = write_outputs(result, out) if out is not None else {}
    except KGError as exc:
        _fail(exc)
        return
    left = result.store.articles if result.store is not None else len(result.extractions)
    typer.echo(f"removed {len(ids)} articles; {left} left in {store}")
    _echo_paths(paths)


def _source_graph(graph: Path | None, store: Path | None) -> Graph:
    """The graph of ``--store DIR`` or of a graph file / output folder."""
    from kg.query import load_graph

    if store is not None:
        from kg.store import KGStore

        with KGStore.open(store, read_only=True) as opened:
            return opened.graph()
    if graph is None:
        raise KGError("Give a graph (graph.ttl or the output folder of `kg build`) or --store DIR.")
    return load_graph(graph)


_STAGE_LABELS = {"analyse": "parse + extract", "map": "actors + RDF", "validate": "SHACL", "write": "outputs"}


class _ProgressBars:
    """Rich progress bars on stderr for ``build``'s progress events (an ETA for the articles)."""

    def __init__(self, enabled: bool | None) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

        console = Console(stderr=True)
        self.bars = Progress(
            TextColumn("{task.description:16s}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=console,
            disable=not (console.is_terminal if enabled is None else enabled),
        )
        self.tasks: dict[str, TaskID] = {}

    def __enter__(self) -> _ProgressBars:
        self.bars.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.bars.stop()

    def __call__(self, event: Progress) -> None:
        if event.stage not in self.tasks:
            self.tasks[event.stage] = self.bars.add_task(_STAGE_LABELS.get(event.stage, event.stage), total=event.total)
        self.bars.update(self.tasks[event.stage], completed=event.done, total=event.total)


@app.command()
def query(
    graph: Annotated[Path | None, typer.Argument(help="graph.ttl, or the output folder of `kg build`.")] = None,
    sparql: Annotated[str, typer.Argument(help="SPARQL text, a .rq file, or a named query (see --list).")] = "",
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="NAME=VALUE bound in the query.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
    include_all: Annotated[
        bool, typer.Option("--all", help="Include negated, future ... events, not only asserted ones.")
    ] = False,
    list_queries: Annotated[bool, typer.Option("--list", help="List the named queries.")] = False,
    store: Annotated[
        Path | None, typer.Option("--store", help="Query this store (inside Oxigraph); then the first argument is the query.")
    ] = None,
) -> None:
    """Run a SPARQL query against a built graph."""
    from kg.query import format_rows, load_graph, named_queries, run_query

    if store is not None and graph is not None and not sparql:
        sparql, graph = str(graph), None
    if store is not None and sparql and not list_queries:
        from kg.store import KGStore

        try:
            with KGStore.open(store, read_only=True) as opened:
                typer.echo(format_rows(run_query(opened, sparql, _parse_params(param or []), include_all), fmt))
        except KGError as exc:
            _fail(exc)
        return
    if list_queries or graph is None or not sparql:
        for name, path in named_queries().items():
            first = path.read_text(encoding="utf-8").splitlines()[0].lstrip("# ")
            typer.echo(f"{name:20s} {first}")
        return
    try:
        result = run_query(load_graph(graph), sparql, _parse_params(param or []), include_all)
        typer.echo(format_rows(result, fmt))
    except KGError as exc:
        _fail(exc)


@app.command()
def export(
    graph: Annotated[Path | None, typer.Argument(help="graph.ttl, or the output folder of `kg build`.")] = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="turtle, nt, json-ld or trig (one named graph per article).")
    ] = "turtle",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write to this file instead of standard output.")] = None,
    store: Annotated[Path | None, typer.Option("--store", help="Export the graph of this store.")] = None,
) -> None:
    """Export a built graph as Turtle, N-Triples, JSON-LD or TriG."""
    from kg.files import atomic_write
    from kg.query import export_graph

    try:
        text = export_graph(_source_graph(graph, store), fmt)
    except KGError as exc:
        _fail(exc)
        return
    if out is None:
        sys.stdout.write(text)
    else:
        atomic_write(out, text)


@app.command()
def evaluate(
    gold: Annotated[
        Path, typer.Argument(help="Gold annotations: a JSON file, or a folder of the event corpus (tests/gold/events/dev).")
    ],
    output: Annotated[Path, typer.Argument(help="The output folder of `kg build` (or its graph.ttl).")],
    as_json: Annotated[bool, typer.Option("--json", help="End with one JSON object of the scores.")] = False,
    by_rule: Annotated[
        bool, typer.Option("--by-rule", help="Print each rule id's fired / right / precision on the gold's event edges.")
    ] = False,
    by_type: Annotated[bool, typer.Option("--by-type", help="Print event precision, recall and F1 per event type.")] = False,
    corpus: Annotated[
        Path,
        typer.Option(help="For a quote gold or an event-corpus folder: the JSONL corpus their offsets point into."),
    ] = Path("../shared/data/corpus/indosum/articles.jsonl"),
) -> None:
    """Score a built graph against gold annotations: actors, events, dates and places, roles; or quote attribution."""
    from kg.evaluate import evaluate_graph, format_by_rule, format_by_type, format_evaluation
    from kg.event_corpus import article_ids, is_event_corpus, load_event_corpus
    from kg.query import load_graph
    from kg.quote_eval import evaluate_quotes, format_quote_scores, is_quote_gold, read_corpus_texts

    try:
        if is_event_corpus(gold):  # a split of the event corpus: one stand-off file per article
            annotations = load_event_corpus(gold, read_corpus_texts(corpus, set(article_ids(gold))))
        else:
            annotations = json.loads(gold.read_text(encoding="utf-8"))
        if is_quote_gold(annotations):
            ids = set(annotations.get("articles", [])) | {q["article"] for q in annotations["quotes"]}
            quote_scores = evaluate_quotes(annotations, load_graph(output), read_corpus_texts(corpus, ids))
            typer.echo(format_quote_scores(quote_scores))
            if as_json:
                typer.echo(json.dumps(quote_scores.summary(), ensure_ascii=False))
            return
        scores = evaluate_graph(annotations, load_graph(output))
    except (KGError, OSError, json.JSONDecodeError) as exc:
        _fail(KGError(str(exc)))
        return
    typer.echo(format_by_rule(scores) if by_rule else format_by_type(scores) if by_type else format_evaluation(scores))
    if as_json:
        typer.echo(json.dumps(scores.summary(), ensure_ascii=False))


@app.command()
def agreement(
    first: Annotated[Path, typer.Argument(help="One annotator's folder of the event corpus (tests/gold/events/train).")],
    second: Annotated[Path, typer.Argument(help="The other annotator's folder of the same articles (tests/gold/events/double).")],
    corpus: Annotated[Path, typer.Option(help="The JSONL corpus their offsets point into.")] = Path(
        "../shared/data/corpus/indosum/articles.jsonl"
    ),
) -> None:
    """Inter-annotator agreement of the event corpus: per type, the events both annotators have and the F1."""
    from kg.event_corpus import agreement as measure
    from kg.event_corpus import article_ids, format_agreement
    from kg.quote_eval import read_corpus_texts

    try:
        ids = set(article_ids(first)) & set(article_ids(second))
        typer.echo(format_agreement(measure(first, second, read_corpus_texts(corpus, ids))))
    except (KGError, OSError, json.JSONDecodeError, KeyError) as exc:
        _fail(KGError(str(exc)))


@app.command()
def rules(
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
) -> None:
    """The extraction rules: id, confidence (measured precision of a base rule) and what each does."""
    from kg.lexicon import get_lexicon

    lex = get_lexicon()
    # a base rule has its measured confidence; a modifier or quote rule shares its event's
    rows = [(rule, lex.confidence.get(rule), text) for rule, text in lex.rules.items()]
    if fmt == "json":
        typer.echo(json.dumps([{"id": r, "confidence": c, "description": t} for r, c, t in rows], ensure_ascii=False, indent=1))
        return
    if fmt != "table":
        _fail(KGError(f"unknown format {fmt!r}: use table or json"))
    width = max(len(rule) for rule, _, _ in rows)
    for rule, confidence, text in rows:
        shown = f"{confidence:.3f}" if confidence is not None else "  -  "
        typer.echo(f"{rule:<{width}}  {shown}  {text}")


@app.command("evaluate-coref")
def evaluate_coref(
    coin: Annotated[Path, typer.Argument(help="A CoIN TSV file (dev.tsv, test.tsv).")],
    as_json: Annotated[bool, typer.Option("--json", help="End with one JSON object of the scores.")] = False,
    cache: Annotated[
        Path | None,
        typer.Option("--cache", help="Keep the parses in this CoNLL-U file and reuse them (e.g. output/coin-dev.conllu)."),
    ] = None,
    models: Annotated[str, typer.Option(envvar="KG_STANZA_MODELS", help="'shipped' or 'official'.")] = "shipped",
) -> None:
    """Score kg's coreference on CoIN: MUC, B3, CEAF-e and CoNLL F1, on all gold clusters and on those with a name."""
    from kg.coref_eval import evaluate_coref as run_evaluation
    from kg.coref_eval import format_coref
    from kg.nlp.pipeline import NlpSettings, StanzaParser

    try:
        result = run_evaluation(coin, parser=StanzaParser(NlpSettings(models=models)), cache=cache)
    except KGError as exc:
        _fail(exc)
        return
    typer.echo(format_coref(result))
    if as_json:
        typer.echo(json.dumps(result.as_dict(), ensure_ascii=False))


@app.command()
def stats(
    graph: Annotated[Path | None, typer.Argument(help="graph.ttl, or the output folder of `kg build`.")] = None,
    top: Annotated[int, typer.Option(help="How many actors.")] = 20,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
    include_all: Annotated[bool, typer.Option("--all", help="Count negated, future ... events too.")] = False,
    store: Annotated[Path | None, typer.Option("--store", help="The graph of this store.")] = None,
) -> None:
    """The top actors by PageRank, with degree, betweenness and Louvain community."""
    import csv
    import io

    def table(source: Graph) -> list[dict[str, Any]]:
        from kg.network import actor_table  # networkx: not imported when the store has the table

        return actor_table(source, top, include_all=include_all)

    try:
        if store is not None:  # the network's queries run inside Oxigraph; the table is kept until the store changes
            from typing import cast

            from kg.store import KGStore

            with KGStore.open(store, read_only=True) as opened:
                rows = opened.summary(f"stats-{top}-{'all' if include_all else 'asserted'}", lambda: table(cast("Graph", opened)))
        else:
            rows = table(_source_graph(graph, store))
    except KGError as exc:
        _fail(exc)
        return
    columns = ["actor", "type", "pagerank", "degree", "betweenness", "community"]
    if fmt == "json":
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=[*columns, "iri"])
        writer.writeheader()
        writer.writerows(rows)
        typer.echo(buffer.getvalue().rstrip("\n"))
    elif fmt == "table":
        typer.echo(f"{'actor':32s} {'type':13s} {'pagerank':>9s} {'degree':>6s} {'betweenness':>11s} {'community':>9s}")
        for r in rows:
            typer.echo(
                f"{r['actor'][:32]:32s} {r['type']:13s} {r['pagerank']:9.4f} {r['degree']:6d} "
                f"{r['betweenness']:11.4f} {r['community']:9d}"
            )
    else:
        _fail(KGError(f"Unknown format {fmt!r}: use table, csv or json."))


@app.command()
def serve(
    outdir: Annotated[
        Path | None, typer.Argument(help="The output folder of `kg build` (its graph.ttl), instead of --store.")
    ] = None,
    store: Annotated[Path | None, typer.Option("--store", help="The store to serve (opened read-only).")] = None,
    port: Annotated[int, typer.Option(help="TCP port.")] = 7878,
    host: Annotated[
        str, typer.Option(help="Address to bind; keep 127.0.0.1 unless a reverse proxy with auth is in front (SECURITY.md).")
    ] = "127.0.0.1",
    timeout: Annotated[float, typer.Option(help="Seconds a query may run before it is stopped.")] = 30.0,
    max_result_mb: Annotated[float, typer.Option(help="Largest result sent, in MB.")] = 50.0,
    max_query_kb: Annotated[int, typer.Option(help="Largest request (query text) accepted, in KB.")] = 1000,
    workers: Annotated[int, typer.Option(help="Query worker processes (queries running at once).")] = 2,
    quiet: Annotated[bool, typer.Option("--quiet", help="Do not log requests.")] = False,
) -> None:
    """Serve a store (or a built folder) as a browser app at http://HOST:PORT/ and a read-only SPARQL endpoint at /sparql."""
    from kg.serve import ServeSettings, make_server

    if (outdir is None) == (store is None):
        raise typer.BadParameter("give exactly one of OUTDIR or --store DIR")

    settings = ServeSettings(
        host=host,
        port=port,
        timeout_s=timeout,
        max_query_bytes=max_query_kb * 1000,
        max_result_bytes=int(max_result_mb * 1_000_000),
        workers=workers,
    )
    try:
        server = make_server(store or outdir, settings, store=store is not None)  # type: ignore[arg-type]
    except KGError as exc:
        _fail(exc)
        return
    except OSError as exc:
        _fail(KGError(f"Cannot listen on {host}:{port}: {exc.strerror or exc}; choose another --port."))
        return
    if not quiet:
        server.on_log = lambda line: typer.echo(line, err=True)
    typer.echo(f"kg app at {server.app_url} and SPARQL endpoint (read-only) at {server.url}; Ctrl-C stops it")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        server.pool.close()
        server.site.close()


@app.command()
def network(
    graph: Annotated[Path | None, typer.Argument(help="graph.ttl, or the output folder of `kg build`.")] = None,
    from_dir: Annotated[Path | None, typer.Option("--from", help="The output folder of `kg build` (instead of GRAPH).")] = None,
    ego: Annotated[str | None, typer.Option("--ego", help="Only this actor (label or any alias) and its neighbourhood.")] = None,
    depth: Annotated[int, typer.Option("--depth", min=0, help="Steps from the --ego actor, along edges either way.")] = 2,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("output/network"),
    include_all: Annotated[bool, typer.Option("--all", help="Draw negated, future ... events too.")] = False,
) -> None:
    """Write the actor network (or one actor's ego network) as network.html, graph.graphml and graph.gexf."""
    from kg.network import actor_network, ego_network, find_actor
    from kg.query import load_graph
    from kg.render import write_view

    if (graph is None) == (from_dir is None):
        raise typer.BadParameter("give exactly one of GRAPH or --from DIR")
    try:
        net = actor_network(load_graph(graph or from_dir), include_all=include_all)  # type: ignore[arg-type]
        title = "kg actor network"
        if ego is not None:
            center = find_actor(net, ego)
            net = ego_network(net, center, depth)
            title = f"{net.nodes[center]['label']}: ego network, depth {depth}"
        paths = write_view(net, out, title=title)
    except KGError as exc:
        _fail(exc)
        return
    typer.echo(f"{net.number_of_nodes()} actors, {net.number_of_edges()} edges")
    _echo_paths(paths)


@models_app.command("train")
def models_train(
    data_dir: Annotated[Path, typer.Option(help="The shared data folder (ud/, ner/, corpus/).")] = DEFAULT_DATA,
    out: Annotated[Path, typer.Option(help="Where the trained models go.")] = Path("output/models"),
    work_dir: Annotated[Path, typer.Option(help="Scratch folder for prepared data and logs.")] = Path("output/models-work"),
    profile: Annotated[str, typer.Option(help="Hyperparameter profile in kg/nlp/training.toml: full or tiny.")] = "full",
    processor: Annotated[
        list[str] | None,
        typer.Option("--processor", help="Train only this processor (repeatable); 'charlm' adds character language models."),
    ] = None,
    jobs: Annotated[int, typer.Option(help="Processors trained at once (each gets cores/jobs threads).")] = 2,
    pretrain: Annotated[Path | None, typer.Option(help="Reuse these Stanza word vectors (.pt) instead of training them.")] = None,
    depparse_tags: Annotated[
        str | None,
        typer.Option(help="The parser's input tags: gold, predicted or jackknife (default: depparse_tags in training.toml)."),
    ] = None,
    depparse_repeat: Annotated[
        list[str] | None,
        typer.Option(
            "--depparse-repeat",
            help="TREEBANK=N: count this treebank N times in the parser's training file (repeatable), "
            "e.g. ud/id_gsd-ud-dev.conllu=4 (default: depparse_ud_repeat in training.toml).",
        ),
    ] = None,
) -> None:
    """Train tokenize, mwt, lemma, pos, depparse and ner models with Stanza's own trainers; 'events' trains the
    event classifiers from the event corpus (tests/gold/events/train) into OUT/events/kg.npz; 'event-scorer' the
    event scorer (train split, chosen on dev; parses from $KG_CACHE_DIR when set) into OUT/events/scorer.npz."""
    from kg.nlp.training import PROCESSORS, TrainingConfig, train_models

    if processor and "events" in processor:
        _train_events(data_dir, out)
        processor = [p for p in processor if p != "events"]
        if not processor:
            return
    if processor and "event-scorer" in processor:
        _train_event_scorer(data_dir, out)
        processor = [p for p in processor if p != "event-scorer"]
        if not processor:
            return

    repeats = []
    for item in depparse_repeat or []:
        treebank, _, count = item.rpartition("=")
        if not treebank or not count.isdigit():
            message = f"{item!r} is not TREEBANK=N (e.g. ud/id_gsd-ud-dev.conllu=4)."
            raise typer.BadParameter(message, param_hint="--depparse-repeat")
        repeats.append((treebank, int(count)))
    config = TrainingConfig(
        data_dir=data_dir,
        out_dir=out,
        work_dir=work_dir,
        profile=profile,
        processors=tuple(processor or PROCESSORS),
        jobs=jobs,
        pretrain_file=pretrain,
        depparse_tags=depparse_tags,
        depparse_ud_repeat=tuple(repeats) if repeats else None,
    )
    try:
        result = train_models(config, on_step=lambda s: typer.echo(f"{s.processor}: {s.seconds:.0f} s -> {s.model_path}"))
    except KGError as exc:
        _fail(exc)
        return
    if result.ner_repairs:
        typer.echo(f"NER data: {result.ner_repairs}")
    typer.echo(f"models written to {out} (logs in {work_dir}/logs); use them with KG_MODELS_DIR={out}")


EVENT_CORPUS = Path(__file__).resolve().parents[1] / "tests" / "gold" / "events"


def _train_events(data_dir: Path, out: Path) -> None:
    """Parse the corpus's training articles with the configured models, fit the event classifiers, save them."""
    import time

    from kg.event_model import CHOSEN_THRESHOLDS, PRUNE_WEIGHT, parse_articles, read_annotations, train_event_model
    from kg.nlp.pipeline import StanzaParser

    start = time.perf_counter()
    try:
        annotations = read_annotations(EVENT_CORPUS / "train")
        docs, texts = parse_articles(
            [a["article"] for a in annotations],
            data_dir / "corpus" / "indosum" / "articles.jsonl",
            StanzaParser(),
            _parse_cache(),
        )
        model = train_event_model(annotations, docs, texts).pruned(PRUNE_WEIGHT).with_thresholds(*CHOSEN_THRESHOLDS)
        target = out / "events" / "kg.npz"
        model.save(target)
    except (KGError, OSError) as exc:
        _fail(KGError(str(exc)))
        return
    typer.echo(f"events: {time.perf_counter() - start:.0f} s -> {target} ({len(annotations)} annotated articles)")


def _parse_cache() -> Any:
    """The parse cache of ``$KG_CACHE_DIR`` for training and evaluating the event models, or None when unset."""
    import os

    from kg.cache import ParseCache
    from kg.nlp.pipeline import NlpSettings, model_identity

    folder = os.environ.get("KG_CACHE_DIR")
    return ParseCache(Path(folder), model_identity(NlpSettings())) if folder else None


def _train_event_scorer(data_dir: Path, out: Path) -> None:
    """Fit the event scorer candidates on the train split, choose on dev (keeping the seeds' and IndoSum's event F1),
    write OUT/events/scorer.npz and its card."""
    import time

    from kg.event_scorer import Floor, dev_scores, gold_extractions, model_card, select_scorer, split_extractions

    start = time.perf_counter()
    corpus = data_dir / "corpus" / "indosum" / "articles.jsonl"
    cache = _parse_cache()
    try:
        train, train_gold = split_extractions(EVENT_CORPUS / "train", corpus, cache)
        dev, dev_gold = split_extractions(EVENT_CORPUS / "dev", corpus, cache)
        floors = []  # the development golds may not get worse than the rules alone make them
        for name, inputs, gold_file in (
            ("seeds", data_dir.parent / "seeds", EVENT_CORPUS.parent / "seeds.json"),
            ("IndoSum", corpus, EVENT_CORPUS.parent / "indosum.json"),
        ):
            extractions, gold = gold_extractions([inputs], gold_file, cache)
            floors.append(Floor(name, extractions, gold, dev_scores(None, extractions, gold)["f1"]))
        scorer = select_scorer(train, train_gold, dev, dev_gold, floors=floors)
        target = out / "events" / "scorer.npz"
        scorer.save(target)
        (target.parent / "SCORER_CARD.md").write_text(model_card(scorer), encoding="utf-8")
    except (KGError, OSError) as exc:
        _fail(KGError(str(exc)))
        return
    card = scorer.card
    typer.echo(
        f"event scorer: {time.perf_counter() - start:.0f} s -> {target} ({scorer.kind}, {scorer.calibration}, "
        f"threshold {scorer.threshold}; dev F1 {card['dev_scorer']['f1']} vs rules {card['dev_rules']['f1']})"
    )


def _evaluate_event_scorer(split: Path, path: Path, threshold: float | None, data_dir: Path, as_json: bool) -> None:
    """``kg models evaluate --events SPLIT --event-scorer PATH``: the rules alone and with the scorer, on one split."""

    from kg.event_scorer import EventScorer, dev_scores, expected_calibration_error, split_extractions, training_set

    cache = _parse_cache()
    try:
        scorer = EventScorer.load(path)
        extractions, gold = split_extractions(split, data_dir / "corpus" / "indosum" / "articles.jsonl", cache)
        held = training_set(extractions, gold)
        table = {"rules": dev_scores(None, extractions, gold), "scorer": dev_scores(scorer, extractions, gold, threshold)}
        ece = expected_calibration_error(scorer.probabilities(held.rows), held.labels)
    except (KGError, OSError) as exc:
        _fail(KGError(str(exc)))
        return
    _echo_event_table(table, ("negative_asserted", "dropped"))
    cut = threshold if threshold is not None else scorer.threshold
    typer.echo(f"threshold {cut}; expected calibration error of the scorer on {len(held.labels)} events: {ece}")
    if as_json:
        typer.echo(json.dumps(table | {"threshold": cut, "ece": ece}))


def _echo_event_table(table: dict[str, dict[str, Any]], extra: tuple[str, ...]) -> None:
    """Print event scores, one system a line: P, R, F1, tp/fp/fn and the ``extra`` counts."""
    names = {"negative_asserted": "negative asserted", "dropped": "dropped"}
    typer.echo(f"{'events':8s} {'P':>6s} {'R':>6s} {'F1':>6s}   tp/fp/fn  " + "  ".join(names[k] for k in extra))
    for name, row in table.items():
        typer.echo(
            f"{name:8s} {row['precision']:6.3f} {row['recall']:6.3f} {row['f1']:6.3f}   "
            f"{row['tp']}/{row['fp']}/{row['fn']}  " + "  ".join(str(row[k]) for k in extra)
        )


@models_app.command("evaluate")
def models_evaluate(
    conllu: Annotated[Path | None, typer.Option("--conllu", help="Score the pipeline on this CoNLL-U file's raw text.")] = None,
    ner: Annotated[Path | None, typer.Option("--ner", help="Score NER on this IOB file.")] = None,
    events: Annotated[
        Path | None,
        typer.Option("--events", help="Score the rules, the event model and the hybrid on this event-corpus split."),
    ] = None,
    events_model: Annotated[
        Path, typer.Option("--events-model", help="The event model for --events (from `kg models train --processor events`).")
    ] = Path("output/models/events/kg.npz"),
    event_scorer: Annotated[
        Path | None,
        typer.Option(
            "--event-scorer",
            help="With --events: score the rules alone and the rules with this event scorer (at its default threshold, "
            "or --event-threshold); parses come from $KG_CACHE_DIR when set.",
        ),
    ] = None,
    event_threshold: Annotated[
        float | None, typer.Option("--event-threshold", help="With --event-scorer: the threshold to score at.")
    ] = None,
    data_dir: Annotated[Path, typer.Option(help="The shared data folder, for --events.")] = DEFAULT_DATA,
    as_json: Annotated[bool, typer.Option("--json", help="End with one JSON object of the scores.")] = False,
    models: Annotated[str, typer.Option(envvar="KG_STANZA_MODELS", help="'shipped' or 'official'.")] = "shipped",
    apply_policy: Annotated[
        bool,
        typer.Option("--apply-policy", help="Score against the gold after kg's treebank policy (PROPN lemma case, no XPOS)."),
    ] = False,
) -> None:
    """Score the shipped models: CoNLL 2018 measures on a treebank, entity F1 on NER data."""
    from kg.nlp.evaluation import evaluate_conllu, evaluate_ner, format_scores
    from kg.nlp.pipeline import NlpSettings, StanzaParser

    if events is not None and event_scorer is not None:
        _evaluate_event_scorer(events, event_scorer, event_threshold, data_dir, as_json)
        return
    if events is not None:
        from kg.event_corpus import article_ids
        from kg.event_model import EventModel, compare, parse_articles

        try:
            model = EventModel.load(events_model)
            docs, texts = parse_articles(
                article_ids(events),
                data_dir / "corpus" / "indosum" / "articles.jsonl",
                StanzaParser(NlpSettings(models=models)),
                _parse_cache() if models == "shipped" else None,
            )
            table = compare(model, events, docs, texts)
        except (KGError, OSError) as exc:
            _fail(KGError(str(exc)))
            return
        _echo_event_table(table, ("negative_asserted",))
        if as_json:
            typer.echo(json.dumps(table))
        return
    if (conllu is None) == (ner is None):
        raise typer.BadParameter("give exactly one of --conllu FILE, --ner FILE or --events DIR")
    parser = StanzaParser(NlpSettings(models=models))
    try:
        scores = evaluate_conllu(conllu, parser, apply_policy) if conllu is not None else evaluate_ner(ner, parser)  # type: ignore[arg-type]
    except KGError as exc:
        _fail(exc)
        return
    typer.echo(format_scores(scores))
    if as_json:
        typer.echo(json.dumps(scores, ensure_ascii=False))


def main() -> None:
    app()


if __name__ == "__main__":
    main()
