"""Source documents and the operational record of ETL runs and quarantined input."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Boolean, CheckConstraint, Date, DateTime, ForeignKey, Index, Integer, LargeBinary, Text, func, text
from sqlalchemy.orm import Mapped

from .base import Base, col, table_args


class EtlRun(Base):
    __tablename__ = "etl_run"
    __table_args__ = table_args("ETL 运行记录", "One row per ETL run (load or re-extract)")
    run_id: Mapped[int] = col(BigInteger, primary_key=True, autoincrement=True, zh="运行编号", en="run id")
    command: Mapped[str] = col(Text, zh="命令：load/reextract", en="command: load or reextract")
    started_at: Mapped[dt.datetime] = col(DateTime(timezone=True), server_default=func.now(), zh="开始时间", en="start time")
    finished_at: Mapped[dt.datetime | None] = col(DateTime(timezone=True), zh="结束时间（未结束或中断为空）", en="end time; NULL while running or when killed")
    status: Mapped[str] = col(Text, server_default="running", zh="状态：running/ok/partial/failed", en="status: running, ok (all loaded), partial (some quarantined), failed")
    files_seen: Mapped[int] = col(Integer, server_default="0", zh="发现文件数", en="files seen")
    files_loaded: Mapped[int] = col(Integer, server_default="0", zh="新载入文件数", en="documents loaded (new or new version)")
    files_skipped: Mapped[int] = col(Integer, server_default="0", zh="未变化跳过数", en="unchanged documents skipped")
    files_failed: Mapped[int] = col(Integer, server_default="0", zh="隔离文件数", en="documents quarantined")
    extractor_version: Mapped[str] = col(Text, zh="抽取器版本", en="extractor version of the code that ran")


class SourceDoc(Base):
    __tablename__ = "source_doc"
    __table_args__ = table_args(
        "源文档：原始字节、存储文本与元数据（旧版本保留但不在视图中）",
        "Source documents: raw bytes, stored text and metadata (superseded versions kept, hidden from views)",
        CheckConstraint("period_start is null or period_end is null or period_start <= period_end", name="period_order"),
        CheckConstraint("script in ('hans','hant')", name="script"),
        Index("ix_source_doc_current_path", "source_path", unique=True, postgresql_where=text("is_current")),
        # pg_trgm (migration 0002): `search_text like '%机器人%'` uses this index
        Index("ix_source_doc_search_text", "search_text", postgresql_using="gin", postgresql_ops={"search_text": "gin_trgm_ops"}),
    )
    doc_id: Mapped[int] = col(BigInteger, primary_key=True, autoincrement=True, zh="文档编号", en="document id")
    sha256: Mapped[str] = col(Text, unique=True, zh="原始字节的 SHA-256", en="SHA-256 of the raw file bytes (hex)")
    source_name: Mapped[str] = col(Text, zh="文件名", en="file base name")
    source_path: Mapped[str] = col(Text, zh="载入时的路径（版本以此归组）", en="path as loaded; versions of a file share it")
    raw_bytes: Mapped[bytes] = col(LargeBinary, zh="原始字节", en="raw file bytes, kept so nothing is lost")
    encoding: Mapped[str] = col(Text, zh="检测到的编码", en="detected source encoding")
    text: Mapped[str] = col(Text, zh="存储文本（证据偏移量所指）", en="stored text that evidence offsets index")
    script: Mapped[str] = col(Text, zh="文字：hans 简体 / hant 繁体", en="script: hans (simplified) or hant (traditional)")
    char_count: Mapped[int] = col(Integer, zh="存储文本字符数", en="characters in the stored text")
    title: Mapped[str | None] = col(Text, zh="标题（报告名或文章标题，按原文）", en="title: the report's own name, else the headline, as written")
    publisher: Mapped[str | None] = col(Text, zh="发布机构（简体）", en="publisher: the issuing body, else the outlet (simplified)")
    data_source: Mapped[str | None] = col(Text, zh="数据来源（依托…数据库等）", en="data source the report relies on (依托…数据库), when stated")
    published_on: Mapped[dt.date | None] = col(Date, zh="发布日期", en="publication date when stated")
    period_start: Mapped[dt.date | None] = col(Date, zh="统计期起（含）", en="covered period start, inclusive")
    period_end: Mapped[dt.date | None] = col(Date, zh="统计期止（含）", en="covered period end, inclusive")
    extractor_version: Mapped[str] = col(Text, zh="生成事实的抽取器版本", en="extractor version that produced the facts")
    is_current: Mapped[bool] = col(Boolean, server_default="true", zh="是否为该路径的当前版本", en="true for the current version of its path")
    superseded_by: Mapped[int | None] = col(BigInteger, ForeignKey("source_doc.doc_id"), zh="被哪个文档版本取代", en="doc_id of the version that replaced it")
    run_id: Mapped[int | None] = col(BigInteger, ForeignKey("etl_run.run_id"), zh="载入该文档的运行", en="run that loaded it")
    loaded_at: Mapped[dt.datetime] = col(DateTime(timezone=True), server_default=func.now(), zh="载入时间", en="load time")
    extracted_at: Mapped[dt.datetime] = col(DateTime(timezone=True), server_default=func.now(), zh="最近抽取时间", en="time facts were last extracted")
    search_text: Mapped[str | None] = col(
        Text, zh="检索文本：存储文本的简体、半角同长副本（繁体文档可用简体关键词检索；pg_trgm 索引）",
        en="search text: same-length simplified, half-width copy of text (etl.read.to_match_text), so traditional documents match simplified keywords; pg_trgm GIN index; NULL until etl.search.refresh_search_text fills it")


class EtlError(Base):
    __tablename__ = "etl_error"
    __table_args__ = table_args("隔离的文档：无法载入的文件及原因", "Quarantined documents: files that could not be loaded, with the reason")
    error_id: Mapped[int] = col(BigInteger, primary_key=True, autoincrement=True, zh="错误编号", en="error id")
    run_id: Mapped[int | None] = col(BigInteger, ForeignKey("etl_run.run_id"), zh="运行编号", en="run id")
    source_path: Mapped[str] = col(Text, index=True, zh="路径", en="path")
    source_name: Mapped[str] = col(Text, zh="文件名", en="file base name")
    sha256: Mapped[str | None] = col(Text, zh="原始字节 SHA-256（不可读时为空）", en="SHA-256 of raw bytes, NULL when unreadable")
    stage: Mapped[str] = col(Text, zh="失败阶段：read/extract/normalize/load", en="stage that failed: read, extract, normalize or load")
    error_type: Mapped[str] = col(Text, zh="异常类型", en="exception type")
    reason: Mapped[str] = col(Text, zh="一行原因", en="one-line reason")
    raw_bytes: Mapped[bytes | None] = col(LargeBinary, zh="原始字节（供排查，分析角色不可读）", en="raw bytes for diagnosis (not readable by the analyst role)")
    occurred_at: Mapped[dt.datetime] = col(DateTime(timezone=True), server_default=func.now(), zh="发生时间", en="time of failure")
    resolved_at: Mapped[dt.datetime | None] = col(DateTime(timezone=True), zh="解决时间（重试成功或文件后来载入）", en="time it was resolved by a later successful load")


class ExtractionWarning(Base):
    __tablename__ = "extraction_warning"
    __table_args__ = table_args("抽取警告：未识别的地名、行业、金额等", "Extraction warnings: unknown places, sectors, unparsed amounts")
    warning_id: Mapped[int] = col(BigInteger, primary_key=True, autoincrement=True, zh="警告编号", en="warning id")
    doc_id: Mapped[int] = col(BigInteger, ForeignKey("source_doc.doc_id", ondelete="CASCADE"), index=True, zh="文档编号", en="document id")
    kind: Mapped[str] = col(Text, zh="类型", en="kind, e.g. unknown_sector, unknown_round, unparsed_amount")
    phrase: Mapped[str] = col(Text, zh="原文短语", en="the phrase as written")
    evidence_start: Mapped[int | None] = col(Integer, zh="起始偏移", en="start offset in the stored text")
    evidence_end: Mapped[int | None] = col(Integer, zh="结束偏移（不含）", en="end offset, exclusive")
