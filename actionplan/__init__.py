"""actionplan: a children's mental-health strategy's action plan, kept as TOML under git."""

__version__ = "0.1.0"
