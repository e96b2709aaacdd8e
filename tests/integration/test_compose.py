"""No Docker engine runs here, so docker-compose.yml is checked by structure."""
import yaml

from tests.conftest import REPO


def test_compose_structure():
    doc = yaml.safe_load((REPO / "docker-compose.yml").read_text(encoding="utf-8"))
    svc = doc["services"]
    pg = svc["postgres"]
    assert pg["image"].startswith("postgres:") and int(pg["image"].split(":")[1].split("-")[0]) >= 17
    assert "healthcheck" in pg and "pg_isready" in " ".join(pg["healthcheck"]["test"])
    assert any(v.split(":")[0] in doc["volumes"] for v in pg["volumes"])
    etl = svc["etl"]
    assert "fundingdb load /data/inbox" in " ".join(etl["command"]) if isinstance(etl["command"], list) else "fundingdb load /data/inbox" in etl["command"]
    assert etl["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert "DATABASE_URL" in etl["environment"]
    assert svc["metabase"]["profiles"] == ["bi"]
