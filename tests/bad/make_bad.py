#!/usr/bin/env python3
"""Writes the malformed inputs of tests/bad/ (IDX directories, CSV files,
checkpoints, network spec files, predict inputs). The expected message of
each is in tests/bad/MANIFEST. Usage: python3 tests/bad/make_bad.py BUILD
(its actlab writes the base checkpoint that the corrupt ones start from)."""
import gzip, os, shutil, struct, subprocess, sys, tempfile, zlib

B = sys.argv[1] if len(sys.argv) > 1 else "build"
TOOL = os.path.abspath(os.path.join(B, "actlab"))
HERE = os.path.dirname(os.path.abspath(__file__))


def w(rel, data):
    p = os.path.join(HERE, rel)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "wb") as f:
        f.write(data.encode() if isinstance(data, str) else data)


def idx(t, dims, payload):
    return bytes([0, 0, t, len(dims)]) + b"".join(struct.pack(">I", d) for d in dims) + payload


GOOD_IMG = idx(8, [3, 2, 2], bytes(range(12)))
GOOD_LAB = idx(8, [3], bytes([0, 1, 2]))


def mnist(case, img=GOOD_IMG, lab=GOOD_LAB, timg=GOOD_IMG, tlab=GOOD_LAB, gz=False):
    """an MNIST-format directory idx/CASE; None leaves a file out"""
    sfx = ".gz" if gz else ""
    for name, data in (("train-images-idx3-ubyte", img), ("train-labels-idx1-ubyte", lab),
                       ("t10k-images-idx3-ubyte", timg), ("t10k-labels-idx1-ubyte", tlab)):
        if data is not None:
            w("idx/%s/%s%s" % (case, name, sfx), gzip.compress(data, mtime=0) if gz else data)


def ckpt_parts(raw):
    hl = struct.unpack("<I", raw[12:16])[0]
    header = raw[16:16 + hl].decode()
    return header, raw[16 + hl:-4]


def ckpt_build(header, body, version=1):
    h = header.encode()
    b = b"ACTLABCK" + struct.pack("<II", version, len(h)) + h + body
    return b + struct.pack("<I", zlib.crc32(b))


def hset(header, key, value):
    out = []
    for line in header.split("\n"):
        if line.startswith(key + "="):
            line = "%s=%s" % (key, value)
        out.append(line)
    return "\n".join(out)


def main():
    for d in ("idx", "csv", "ckpt", "net", "stdin"):
        shutil.rmtree(os.path.join(HERE, d), ignore_errors=True)

    # ---- IDX (read through mnist-dir:DIR)
    mnist("empty_images", img=b"")
    mnist("short_header", img=b"\x00\x00")
    mnist("bad_magic", img=b"P5\n# not idx" + bytes(20))
    mnist("gzip_twice", img=gzip.compress(gzip.compress(GOOD_IMG, mtime=0), mtime=0), gz=True)
    mnist("bad_type", img=idx(7, [3, 2, 2], bytes(12)))
    mnist("four_dims", img=idx(8, [3, 2, 2, 1], bytes(12)))
    mnist("dims_cut", img=bytes([0, 0, 8, 3, 0, 0, 0, 3, 0, 0]))
    mnist("zero_dim", img=idx(8, [3, 0, 2], b""))
    mnist("dims_overflow", img=idx(8, [0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF], bytes(4)))
    mnist("dims_too_large", img=idx(8, [65536, 256, 256], bytes(4)))
    mnist("data_cut", img=idx(8, [3, 2, 2], bytes(7)))
    mnist("trailing", img=idx(8, [3, 2, 2], bytes(13)))
    mnist("f32_nan", img=idx(0x0D, [1, 1, 2], struct.pack(">2f", 0.5, float("nan"))))
    mnist("f64_huge", img=idx(0x0E, [1, 1, 2], struct.pack(">2d", 0.5, 1e300)))
    z = gzip.compress(GOOD_IMG + bytes(4000), mtime=0)
    mnist("gzip_cut", img=z[:len(z) // 2], lab=None)
    w("idx/gzip_cut/train-labels-idx1-ubyte", GOOD_LAB)
    zc = bytearray(gzip.compress(GOOD_IMG, mtime=0))
    zc[-6] ^= 0xFF  # the CRC-32 of the gzip trailer
    mnist("gzip_crc", img=bytes(zc), lab=None)
    w("idx/gzip_crc/train-labels-idx1-ubyte", GOOD_LAB)
    mnist("gzip_lying_header", img=idx(8, [60000, 28, 28], bytes(100)), gz=True)
    mnist("label_i32_big", lab=idx(0x0C, [3], struct.pack(">3i", 0, 1, 70000)))
    mnist("label_negative", lab=idx(0x09, [3], bytes([0, 1, 255])))
    mnist("label_fraction", lab=idx(0x0D, [3], struct.pack(">3f", 0, 1, 1.5)))
    mnist("label_2d", lab=idx(8, [3, 1], bytes(3)))
    mnist("label_count", lab=idx(8, [2], bytes(2)))
    mnist("no_labels", lab=None)
    mnist("no_test", timg=None, tlab=None)
    mnist("test_other_size", timg=idx(8, [2, 3, 3], bytes(18)), tlab=idx(8, [2], bytes(2)))
    os.makedirs(os.path.join(HERE, "idx/empty_dir"), exist_ok=True)
    w("idx/empty_dir/README", "an MNIST-format directory without its files\n")

    # ---- CSV (csv:FILE)
    csvs = {
        "empty.csv": "",
        "header_only.csv": "x,y,label\n",
        "one_column.csv": "x\n1\n2\n",
        "text_field.csv": "x,y,label\n1,2,0\n3,abc,1\n",
        "empty_field.csv": "1,2,0\n,3,1\n",
        "nan_field.csv": "1,2,0\n3,nan,1\n",
        "inf_field.csv": "1,2,0\n3,-inf,1\n",
        "beyond_float.csv": "1,2,0\n3,1e39,1\n",
        "ragged.csv": "1,2,0\n3,4,1\n5,6\n",
        "label_fraction.csv": "1,2,0\n3,4,1.5\n",
        "label_negative.csv": "1,2,0\n3,4,-1\n",
        "label_huge.csv": "1,2,0\n3,4,70000\n",
        "one_row.csv": "x,y,label\n1,2,0\n",
        "quote_junk.csv": "1,2,0\n\"3\"x,4,1\n",
        "binary.csv": bytes(range(256)) * 2,
        "crlf_ragged.csv": "a,b,c\r\n1,2,0\r\n1,2,3,4\r\n",
        "good.csv": "x,y,label\n" + "".join("%d,%d,%d\n" % (i, i % 3, i % 2) for i in range(30)),
    }
    for name, text in csvs.items():
        w("csv/" + name, text)

    # ---- checkpoints: a real one, then corruptions of it
    tmp = tempfile.mkdtemp()
    base = os.path.join(tmp, "base.ckpt")
    subprocess.check_call([TOOL, "train", "--net", "2-4:tanh-2", "--data", "xor(n=40)", "--updates",
                           "3", "--batch", "8", "--opt", "sgd(lr=0.1,momentum=0.9)", "--save", base,
                           "--quiet"], stdout=subprocess.DEVNULL)
    raw = open(base, "rb").read()
    shutil.rmtree(tmp)
    w("ckpt/good_2-4-tanh-2.ckpt", raw)  # the base: loads (used by the mismatch cases)
    header, body = ckpt_parts(raw)
    nperm = int([l for l in header.split("\n") if l.startswith("nperm=")][0][6:])
    w("ckpt/empty.ckpt", b"")
    w("ckpt/text.ckpt", "this is not a checkpoint, just text\n")
    w("ckpt/version2.ckpt", ckpt_build(header, body, version=2))
    flip = bytearray(raw)
    flip[len(raw) - 20] ^= 0x10
    w("ckpt/flipped_byte.ckpt", bytes(flip))
    w("ckpt/truncated.ckpt", raw[:len(raw) - 9])
    w("ckpt/appended.ckpt", raw + b"\x00")
    big = bytearray(ckpt_build(header, body))
    big[12:16] = struct.pack("<I", 100000)
    big[-4:] = struct.pack("<I", zlib.crc32(bytes(big[:-4])))
    w("ckpt/header_length.ckpt", bytes(big))
    w("ckpt/nparams_size.ckpt", ckpt_build(hset(header, "nparams", "23"), body))
    w("ckpt/spec_typo.ckpt", ckpt_build(hset(header, "spec", "2-4:tahn-2"), body))
    w("ckpt/spec_other.ckpt", ckpt_build(hset(header, "spec", "2-5:tanh-2"), body))
    w("ckpt/no_loss.ckpt", ckpt_build(header.replace("loss=xent\n", ""), body))
    perm = bytearray(body)
    perm[32:36] = struct.pack("<I", nperm + 5)
    w("ckpt/perm_range.ckpt", ckpt_build(header, bytes(perm)))
    nanp = bytearray(body)
    off = 32 + 4 * nperm + 4 * 3
    nanp[off:off + 4] = struct.pack("<f", float("nan"))
    w("ckpt/nan_param.ckpt", ckpt_build(header, bytes(nanp)))
    sched = [l for l in header.split("\n") if l.startswith("sched=")][0][6:].split()
    sched[1] = "0"
    w("ckpt/step_zero.ckpt", ckpt_build(hset(header, "sched", " ".join(sched)), body))
    opt = [l for l in header.split("\n") if l.startswith("opt=")][0][4:].split()
    opt[1] = "nan"
    w("ckpt/lr_nan.ckpt", ckpt_build(hset(header, "opt", " ".join(opt)), body))
    w("ckpt/batch_big.ckpt", ckpt_build(hset(header, "batch", str(nperm + 1)), body))
    w("ckpt/pos_big.ckpt", ckpt_build(hset(header, "pos", str(nperm + 3)), body))
    w("ckpt/epoch_negative.ckpt", ckpt_build(hset(header, "epoch", "-1"), body))

    # ---- network spec files (--net FILE)
    w("net/unknown_layer.net", "input 2\nconv 3\ndense 2\n")
    w("net/no_input.net", "# forgot the input\ndense 4\nact tanh\ndense 2\n")
    w("net/two_inputs.net", "input 2\ninput 3\ndense 2\n")
    w("net/bad_act.net", "input 2\ndense 4\nact tanhh\ndense 2\n")
    w("net/empty.net", "# nothing\n")

    # ---- predict inputs (stdin)
    w("stdin/three_values.csv", "0.1,0.2,0.3\n")
    w("stdin/not_number.csv", "0.1,abc\n")
    w("stdin/beyond_float.csv", "0.1,1e39\n")
    w("stdin/nan.csv", "0.1,nan\n")
    w("stdin/junk_after.csv", "0.1,0.2 x\n")
    w("stdin/second_line.csv", "0.1,0.2\n0.3\n")


if __name__ == "__main__":
    main()
