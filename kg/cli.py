"""The ``kg`` command line: a thin layer over the library functions."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from kg.errors import KGError

app = typer.Typer(help="Knowledge graphs of actors and events from Indonesian news.", no_args_is_help=True, add_completion=False)
models_app = typer.Typer(help="Train and evaluate kg's Indonesian Stanza models.", no_args_is_help=True)
app.add_typer(models_app, name="models")

DEFAULT_DATA = Path("../shared/data")


def _fail(exc: KGError, code: int = 2) -> None:
    typer.secho(f"error: {exc}", err=True, fg=typer.colors.RED)
    raise typer.Exit(code)


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
) -> None:
    """Build the knowledge graph of ARTICLES into OUT (graph.ttl, network.html, report.json ...)."""
    from kg.build import BuildSettings, write_outputs
    from kg.build import build as run_build

    chosen = list(select or ())
    if gold is not None:
        try:
            chosen += json.loads(gold.read_text(encoding="utf-8")).get("articles", [])
        except (OSError, json.JSONDecodeError) as exc:
            _fail(KGError(f"cannot read the article list of {gold}: {exc}"))
    settings = BuildSettings(validate=not no_validate, select=tuple(chosen), models=models)
    try:
        result = run_build(inputs, settings)
        paths = write_outputs(result, out)
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
    for name, path in paths.items():
        typer.echo(f"  {name}: {path}")
    if strict and not all(r.status in ("ok", "duplicate") for r in result.reports):
        raise typer.Exit(1)


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
) -> None:
    """Run a SPARQL query against a built graph."""
    from kg.query import format_rows, load_graph, named_queries, run_query

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
    graph: Annotated[Path, typer.Argument(help="graph.ttl, or the output folder of `kg build`.")],
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="turtle, nt, json-ld or trig (one named graph per article).")
    ] = "turtle",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write to this file instead of standard output.")] = None,
) -> None:
    """Export a built graph as Turtle, N-Triples, JSON-LD or TriG."""
    from kg.build import atomic_write
    from kg.query import export_graph, load_graph

    try:
        text = export_graph(load_graph(graph), fmt)
    except KGError as exc:
        _fail(exc)
        return
    if out is None:
        sys.stdout.write(text)
    else:
        atomic_write(out, text)


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold annotations (JSON).")],
    output: Annotated[Path, typer.Argument(help="The output folder of `kg build` (or its graph.ttl).")],
    as_json: Annotated[bool, typer.Option("--json", help="End with one JSON object of the scores.")] = False,
) -> None:
    """Score a built graph against gold annotations: actors, events, dates and places, roles."""
    from kg.evaluate import evaluate_graph, format_evaluation
    from kg.query import load_graph

    try:
        scores = evaluate_graph(json.loads(gold.read_text(encoding="utf-8")), load_graph(output))
    except (KGError, OSError, json.JSONDecodeError) as exc:
        _fail(KGError(str(exc)))
        return
    typer.echo(format_evaluation(scores))
    if as_json:
        typer.echo(json.dumps(scores.summary(), ensure_ascii=False))


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
    graph: Annotated[Path, typer.Argument(help="graph.ttl, or the output folder of `kg build`.")],
    top: Annotated[int, typer.Option(help="How many actors.")] = 20,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
    include_all: Annotated[bool, typer.Option("--all", help="Count negated, future ... events too.")] = False,
) -> None:
    """The top actors by PageRank, with degree, betweenness and Louvain community."""
    import csv
    import io

    from kg.network import actor_network, centrality_table
    from kg.query import load_graph

    try:
        rows = centrality_table(actor_network(load_graph(graph), include_all=include_all), top)
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


@models_app.command("train")
def models_train(
    data_dir: Annotated[Path, typer.Option(help="The shared data folder (ud/, ner/, corpus/).")] = DEFAULT_DATA,
    out: Annotated[Path, typer.Option(help="Where the trained models go.")] = Path("output/models"),
    work_dir: Annotated[Path, typer.Option(help="Scratch folder for prepared data and logs.")] = Path("output/models-work"),
    profile: Annotated[str, typer.Option(help="Hyperparameter profile in kg/nlp/training.toml: full or tiny.")] = "full",
    processor: Annotated[list[str] | None, typer.Option("--processor", help="Train only this processor (repeatable).")] = None,
    jobs: Annotated[int, typer.Option(help="Processors trained at once (each gets cores/jobs threads).")] = 2,
    pretrain: Annotated[Path | None, typer.Option(help="Reuse these Stanza word vectors (.pt) instead of training them.")] = None,
) -> None:
    """Train tokenize, mwt, lemma, pos, depparse and ner models with Stanza's own trainers."""
    from kg.nlp.training import PROCESSORS, TrainingConfig, train_models

    config = TrainingConfig(
        data_dir=data_dir,
        out_dir=out,
        work_dir=work_dir,
        profile=profile,
        processors=tuple(processor or PROCESSORS),
        jobs=jobs,
        pretrain_file=pretrain,
    )
    try:
        result = train_models(config, on_step=lambda s: typer.echo(f"{s.processor}: {s.seconds:.0f} s -> {s.model_path}"))
    except KGError as exc:
        _fail(exc)
        return
    if result.ner_repairs:
        typer.echo(f"NER data: {result.ner_repairs}")
    typer.echo(f"models written to {out} (logs in {work_dir}/logs); use them with KG_MODELS_DIR={out}")


@models_app.command("evaluate")
def models_evaluate(
    conllu: Annotated[Path | None, typer.Option("--conllu", help="Score the pipeline on this CoNLL-U file's raw text.")] = None,
    ner: Annotated[Path | None, typer.Option("--ner", help="Score NER on this IOB file.")] = None,
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

    if (conllu is None) == (ner is None):
        raise typer.BadParameter("give exactly one of --conllu FILE or --ner FILE")
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
