#!/usr/bin/env python3
"""Write N synthetic chest radiographs (CR Image Storage, explicit VR little endian) into a directory.

Usage: gen_cr.py OUT_DIR COUNT ROWS COLS PREFIX

Every file gets its own SOP Instance UID; the files of one call share a study and a series.
Pixels are 16-bit allocated / 12-bit stored MONOCHROME2 with a smooth pattern, so the object is
uncompressed and its size is fixed by ROWS x COLS (2 bytes per pixel plus ~1 KB of header).
Only the standard library is used, so no DICOM toolkit has to be installed for Python.
"""
import array
import os
import struct
import sys
import uuid

EXPLICIT_VR_LE = "1.2.840.10008.1.2.1"
CR_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.1"
IMPLEMENTATION_CLASS_UID = "2.25.184913057736128312419842231062917541170"

# VRs whose explicit-VR header has a 2-byte reserved field and a 4-byte length.
LONG_VRS = {"OB", "OW", "OF", "OD", "OL", "OV", "SQ", "UC", "UR", "UT", "UN"}


def new_uid():
    # 2.25.<128-bit integer> (PS3.5 B.2): unique without a registered root.
    return "2.25." + str(uuid.uuid4().int)


def pad(vr, value):
    if isinstance(value, (bytes, bytearray)):
        data = bytes(value)
    else:
        data = value.encode("ascii")
    if len(data) % 2:
        # UIDs are padded with NUL, other strings (and OB) with a space / NUL as the standard says.
        data += b"\0" if vr in ("UI", "OB") else b" "
    return data


def element(group, elem, vr, value):
    if vr == "US":
        data = struct.pack("<H", value)
    elif vr == "UL":
        data = struct.pack("<I", value)
    else:
        data = pad(vr, value)
    if vr in LONG_VRS:
        return struct.pack("<HH2s2xI", group, elem, vr.encode(), len(data)) + data
    return struct.pack("<HH2sH", group, elem, vr.encode(), len(data)) + data


def pixel_bytes(rows, cols):
    """A 12-bit ramp with a diagonal ripple; built row by row from one template row (fast)."""
    base = array.array("H", ((c * 4095) // max(cols - 1, 1) for c in range(cols)))
    if sys.byteorder != "little":
        base.byteswap()
    base_b = base.tobytes()
    out = bytearray()
    for r in range(rows):
        # Rotate the template by a row-dependent amount: every row differs, no per-pixel Python work.
        shift = (r * 2 * 7) % (2 * cols)
        out += base_b[shift:] + base_b[:shift]
    return bytes(out)


def main():
    out_dir, count, rows, cols, prefix = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
    os.makedirs(out_dir, exist_ok=True)
    study_uid, series_uid = new_uid(), new_uid()
    pixels = element(0x7FE0, 0x0010, "OW", pixel_bytes(rows, cols))
    for i in range(1, count + 1):
        sop_uid = new_uid()
        meta_body = b"".join([
            element(0x0002, 0x0001, "OB", b"\x00\x01"),
            element(0x0002, 0x0002, "UI", CR_IMAGE_STORAGE),
            element(0x0002, 0x0003, "UI", sop_uid),
            element(0x0002, 0x0010, "UI", EXPLICIT_VR_LE),
            element(0x0002, 0x0012, "UI", IMPLEMENTATION_CLASS_UID),
            element(0x0002, 0x0013, "SH", "PACSBENCH_GEN"),
        ])
        meta = element(0x0002, 0x0000, "UL", len(meta_body)) + meta_body
        # Elements in ascending tag order; type 1 and 2 attributes of the CR IOD's modules.
        ds = b"".join([
            element(0x0008, 0x0005, "CS", "ISO_IR 100"),
            element(0x0008, 0x0008, "CS", "ORIGINAL\\PRIMARY"),
            element(0x0008, 0x0016, "UI", CR_IMAGE_STORAGE),
            element(0x0008, 0x0018, "UI", sop_uid),
            element(0x0008, 0x0020, "DA", "20240102"),
            element(0x0008, 0x0023, "DA", "20240102"),
            element(0x0008, 0x0030, "TM", "101500"),
            element(0x0008, 0x0033, "TM", "101500"),
            element(0x0008, 0x0050, "SH", "BENCH%06d" % i),
            element(0x0008, 0x0060, "CS", "CR"),
            element(0x0008, 0x0070, "LO", "PACS Bridge bench"),
            element(0x0008, 0x0090, "PN", ""),
            element(0x0008, 0x103E, "LO", "Chest PA (synthetic)"),
            element(0x0010, 0x0010, "PN", "BENCH^CHEST"),
            element(0x0010, 0x0020, "LO", "BENCH-" + prefix),
            element(0x0010, 0x0030, "DA", "19700101"),
            element(0x0010, 0x0040, "CS", "O"),
            element(0x0018, 0x0015, "CS", "CHEST"),
            element(0x0018, 0x5101, "CS", "PA"),
            element(0x0020, 0x000D, "UI", study_uid),
            element(0x0020, 0x000E, "UI", series_uid),
            element(0x0020, 0x0010, "SH", "1"),
            element(0x0020, 0x0011, "IS", "1"),
            element(0x0020, 0x0013, "IS", str(i)),
            element(0x0020, 0x0020, "CS", "L\\F"),
            element(0x0020, 0x0060, "CS", ""),
            element(0x0028, 0x0002, "US", 1),
            element(0x0028, 0x0004, "CS", "MONOCHROME2"),
            element(0x0028, 0x0010, "US", rows),
            element(0x0028, 0x0011, "US", cols),
            element(0x0028, 0x0100, "US", 16),
            element(0x0028, 0x0101, "US", 12),
            element(0x0028, 0x0102, "US", 11),
            element(0x0028, 0x0103, "US", 0),
        ])
        path = os.path.join(out_dir, "%s%05d.dcm" % (prefix, i))
        with open(path + ".tmp", "wb") as f:
            f.write(b"\0" * 128 + b"DICM" + meta + ds + pixels)
        os.replace(path + ".tmp", path)


if __name__ == "__main__":
    main()
