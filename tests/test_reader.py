import pytest

from papersearch.errors import PageError
from papersearch.reader import read_page

TEXT = "本报讯（记者 李雪峰）11月11日晚，市委常委会召开（扩大）會議。\n"


@pytest.mark.parametrize(
    "encoding, expect",
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gb18030", "gb18030"), ("gbk", "gb18030"), ("utf-16", "utf-16")],
)
def test_encodings_are_detected(tmp_path, encoding, expect):
    path = tmp_path / "p.txt"
    path.write_bytes(TEXT.encode(encoding))
    page = read_page(path)
    assert page.text == TEXT and page.encoding == expect


def test_big5_is_detected(tmp_path):
    text = "臺灣地區的雜交水稻研究，國際論壇在臺北舉行，各國專家發表演說。" * 3
    path = tmp_path / "p.txt"
    path.write_bytes(text.encode("big5"))
    assert read_page(path).text == text


def test_crlf_line_ends(tmp_path):
    path = tmp_path / "p.txt"
    path.write_bytes("第一行\r\n第二行\r\n".encode())
    assert read_page(path).text == "第一行\n第二行\n"


def test_forced_encoding(tmp_path):
    path = tmp_path / "p.txt"
    path.write_bytes(TEXT.encode("gbk"))
    assert read_page(path, encoding="gbk").text == TEXT
    with pytest.raises(PageError, match="cannot decode as utf-8"):
        read_page(path, encoding="utf-8")


@pytest.mark.parametrize(
    "data, reason",
    [(b"", "empty"), (b"  \n\n", "empty"), (b"\x00\x01\x02binary\x00", "binary"), (b"\x89PNG\r\n\x1a\n\x00\x00", "binary")],
)
def test_junk_is_refused_with_a_reason(tmp_path, data, reason):
    path = tmp_path / "p.txt"
    path.write_bytes(data)
    with pytest.raises(PageError, match=reason):
        read_page(path)


def test_giant_single_line_file_is_refused(tmp_path):
    path = tmp_path / "p.txt"
    path.write_bytes(b"a" * (20 * 1024 * 1024))
    with pytest.raises(PageError, match="too large"):
        read_page(path)


def test_missing_and_unreadable_files(tmp_path):
    with pytest.raises(PageError):
        read_page(tmp_path / "nope.txt")
    with pytest.raises(PageError):
        read_page(tmp_path)


LONG = TEXT * 20


def test_one_stray_byte_loses_one_character_not_the_page(tmp_path):
    path = tmp_path / "p.txt"
    path.write_bytes(LONG[:20].encode() + b"\xff" + LONG[20:].encode())
    for encoding in (None, "utf-8"):
        page = read_page(path, encoding)
        assert page.encoding == "utf-8" and page.replaced == 1
        assert page.text.replace("\ufffd", "") == LONG


def test_a_nul_byte_does_not_make_a_page_binary(tmp_path):
    path = tmp_path / "p.txt"
    path.write_bytes(LONG[:30].encode() + b"\x00" + LONG[30:].encode())
    page = read_page(path)
    assert "市委常委会" in page.text and "\x00" not in page.text
    binary = tmp_path / "b.txt"
    binary.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(PageError, match="binary"):
        read_page(binary)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_told_from_its_bytes(tmp_path, codec):
    path = tmp_path / "p.txt"
    path.write_bytes(LONG.encode(codec))
    page = read_page(path)
    assert page.text == LONG and page.encoding == codec
    chinese_only = "市委常委会召开扩大会议研究部署冬春各项工作。" * 10  # no ASCII: no NUL bytes at all
    path.write_bytes(chinese_only.encode(codec))
    assert read_page(path).text == chinese_only
