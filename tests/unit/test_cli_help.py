"""Every command documents itself with a runnable example (a test fails on an undocumented one)."""
import click
import pytest
from click.testing import CliRunner

from etl.cli import cli


def commands(group, prefix=()):
    for name, cmd in group.commands.items():
        if isinstance(cmd, click.Group):
            yield from commands(cmd, prefix + (name,))
        else:
            yield prefix + (name,)


@pytest.mark.parametrize("path", list(commands(cli)), ids=" ".join)
def test_help_has_an_example(path):
    res = CliRunner().invoke(cli, [*path, "--help"])
    assert res.exit_code == 0
    assert "Example" in res.output, path
    assert "fundingdb" in res.output.split("Example", 1)[1]


def test_contract_commands_exist():
    names = {" ".join(p) for p in commands(cli)}
    assert {"load", "migrate", "db url", "extract", "errors", "report"} <= names


def test_unknown_option_is_a_usage_error():
    res = CliRunner().invoke(cli, ["load", "--no-such-option"])
    assert res.exit_code == 2
