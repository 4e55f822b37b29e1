#!/usr/bin/env python3
"""Writes the seed corpus fuzz/corpus/<target>/ and the dictionaries
fuzz/dict/<target>.dict. Usage: python3 fuzz/make_corpus.py BUILD (the build
whose actlab tool lists the catalog and writes the seed checkpoints)."""
import gzip, json, os, shutil, struct, subprocess, sys, tempfile

B = sys.argv[1] if len(sys.argv) > 1 else "build"
TOOL = os.path.abspath(os.path.join(B, "actlab"))
HERE = os.path.dirname(os.path.abspath(__file__))
C = os.path.join(HERE, "corpus")
D = os.path.join(HERE, "dict")


def put(target, name, data):
    os.makedirs(os.path.join(C, target), exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(C, target, name), "wb") as f:
        f.write(data)


def idx(type_code, dims, payload):
    return bytes([0, 0, type_code, len(dims)]) + b"".join(struct.pack(">I", d) for d in dims) + payload


def main():
    shutil.rmtree(C, ignore_errors=True)
    os.makedirs(D, exist_ok=True)
    catalog = json.loads(subprocess.check_output([TOOL, "list", "--json"]))

    # ---- idx: mode byte (bit 0 gzip the rest, bit 1 also as labels), then the file
    img = idx(0x08, [2, 3, 3], bytes(range(18)))
    put("idx", "u8_images", b"\x00" + img)
    put("idx", "u8_images_gz", b"\x01" + img)
    put("idx", "u8_2d", b"\x00" + idx(0x08, [3, 4], bytes(12)))
    put("idx", "labels", b"\x02" + idx(0x08, [4], bytes([0, 1, 2, 9])))
    put("idx", "labels_gz", b"\x03" + idx(0x08, [4], bytes([0, 1, 2, 9])))
    put("idx", "f32", b"\x00" + idx(0x0D, [1, 2, 2], struct.pack(">4f", 0.5, -1, 2, 3)))
    put("idx", "f64", b"\x00" + idx(0x0E, [1, 1, 2], struct.pack(">2d", 0.5, -1)))
    put("idx", "i16", b"\x02" + idx(0x0B, [2, 1, 1], struct.pack(">2h", 1, -2)))
    put("idx", "i32_labels", b"\x02" + idx(0x0C, [2], struct.pack(">2i", 1, 7)))
    put("idx", "i8", b"\x00" + idx(0x09, [1, 2, 1], bytes([1, 255])))
    put("idx", "raw_gzip", b"\x02" + gzip.compress(idx(0x08, [2], bytes([3, 4])), mtime=0))
    put("idx", "truncated", b"\x00" + idx(0x08, [2, 3, 3], bytes(10)))

    # ---- csv: options byte, then the file
    put("csv", "header", b"\x03" + b"a,b,label\n0.1,0.2,0\n0.3,0.4,1\n1,2,1\n")
    put("csv", "quoted_crlf", b"\x03" + b'\xef\xbb\xbf"x ""1""","y",c\r\n1,2,0\r\n3,4,1\r\n')
    put("csv", "regression", b"\x20" + b"1,2,0.5\n3,4,-1.25\n5,6,1e3\n7,8,2\n9,9,9\n")
    put("csv", "label_first", b"\x44" + b"0,1,2\n1,3,4\n2,5,6\n0,7,8\n1,9,10\n2,1,1\n")
    put("csv", "split", b"\x43" + b"f1,f2,y\n" + b"".join(b"%d,%d,%d\n" % (i, i * i % 7, i % 3) for i in range(20)))
    put("csv", "nan", b"\x03" + b"1,nan,0\n2,3,1\n")
    put("csv", "ragged", b"\x03" + b"1,2,0\n2,3\n")

    # ---- ckpt: mode byte (bit 0 fix the CRC, bit 1 load the optimizer), then the file
    tmp = tempfile.mkdtemp()
    nets = [("2-4:tanh-2", "xor(n=40)", "sgd(lr=0.1,momentum=0.9)"),
            ("2-3:prelu(per_unit=1)-3:rrelu-2", "moons(n=40)", "adam(lr=0.01)"),
            ("2-4:noisy_hard_tanh:dropout(p=0.2)-3:softmax", "spirals(n=40,k=3)", "adamw(lr=0.01)"),
            ("1-3:elu(alpha=0.5)-1", "regress(n=40)", "sgd(lr=0.05)"),
            ("2-4:maxout(k=2)-2", "circles(n=40)", "sgd(lr=0.1,nesterov=1,momentum=0.5)")]
    for i, (net, data, opt) in enumerate(nets):
        ck = os.path.join(tmp, "c%d" % i)
        subprocess.check_call([TOOL, "train", "--net", net, "--data", data, "--opt", opt,
                               "--updates", "3", "--batch", "8", "--save", ck, "--quiet"],
                              stdout=subprocess.DEVNULL)
        raw = open(ck, "rb").read()
        put("ckpt", "net%d" % i, b"\x02" + raw)
        put("ckpt", "net%d_fixcrc" % i, b"\x03" + raw)
    shutil.rmtree(tmp)
    put("ckpt", "short", b"\x00ACTLABCK\x01\x00\x00\x00")

    # ---- fnspec: every canonical name, every alias, every parameter spelled out
    for fn in catalog:
        put("fnspec", fn["name"], fn["name"])
        ps = []
        for p in fn["parameters"]:
            if "choices" in p:
                ps.append("%s=%s" % (p["name"], p["choices"].split("|")[-1]))
            elif p["default"] is not None:
                ps.append("%s=%r" % (p["name"], p["default"]))
        if ps:
            put("fnspec", fn["name"] + "_params", "%s(%s)" % (fn["name"], ", ".join(ps)))
        for a in fn["aliases"]:
            put("fnspec", "alias_" + a["name"], a["name"] + "()")
    put("fnspec", "bad_paren", "elu(alpha=0.5")
    put("fnspec", "inf", "clip(min=-inf,max=inf)")
    put("fnspec", "typo", "tanhh")
    # found by a 600 s campaign: a far breakpoint once made the property
    # grid run out to it in steps of 1/256 (minutes per input)
    put("fnspec", "clip_far_max", "clip(min=3, max=4.4e43)")

    # ---- expr: every formula and derivative of the catalog (in x) and the named targets
    for fn in catalog:
        if fn["kind"] != "elementwise":
            continue
        # parameters become numbers so that the expression uses only x
        for k, key in (("f", "formula"), ("df", "derivative")):
            s = fn[key]
            for p in sorted(fn["parameters"], key=lambda p: -len(p["name"])):
                d = p["default"] if p["default"] is not None else 0
                s = s.replace(p["name"], "(%r)" % d)
            put("expr", "%s_%s" % (fn["name"], k), s)
    for name, e in [("sine", "sin(2*pi*x)"), ("bump", "exp(-20*((x-0.5)^2+(y-0.5)^2))"),
                    ("cond", "x > 0 && y <= 1 || x != y ? min(x, y) : max(x1, x2)")]:
        put("expr", "target_" + name, e)

    # ---- netspec: mode byte (bit 0 spec file, bit 1 training mode, bits 2-3 loss), then the spec
    specs = ["2-16:tanh-16:tanh-2", "784-100:relu:dropout(p=0.5)-10", "4-8:prelu-8:prelu(per_unit=1)-3",
             "3-6:rrelu(lower=0.1,upper=0.3)-6:noisy_hard_sigmoid-2", "2-6:glu-3:softmax",
             "5-8:maxout(k=4)-2:log_softmax", "2-4:leaky_relu(negative_slope=0.2):dropout-1",
             "1-2", "2-3:gelu(approximate=tanh)-3:softplus(beta=2,threshold=20)-2"]
    for i, s in enumerate(specs):
        put("netspec", "spec%d" % i, bytes([i * 2 & 0x0e]) + s.encode())
    put("netspec", "file", b"\x01# a spec file\ninput 4\ndense 8\nact tanh\ndropout 0.25\ndense 2\n")
    put("netspec", "file_bad", b"\x01input 4\nconv 3\n")

    # ---- dataspec: two option bytes, then the spec
    for i, s in enumerate(["circles(n=100,noise=0.1,factor=0.5)", "moons(n=50)", "spirals(n=60,k=3,noise=0.2)",
                           "xor(n=40,noise=0.1)", "blobs(n=90,k=3,dim=4,std=1)",
                           "regress(f=sin(2*pi*x), n=50, dim=1, noise=0.1, lo=-1, hi=1)",
                           "regress(f=bump,dim=2,n=30)", "regress(f=x1*x2+x3,dim=3,n=20)",
                           "shapeset(n=10,size=8)", "csv:a.csv", "csv(label=0,header=1,regression=1):a.csv",
                           "mnist-dir:mn", "mz", "a.csv", "nosuch", " circles (n=10) "]):
        put("dataspec", "spec%d" % i, bytes([i * 37 & 0xff, i]) + s.encode())

    # ---- cli: arguments one per line, NUL, standard input
    cmds = ["eval\nsigmoid\n-100\n0\ninf\nnan", "eval\nelu(alpha=0.5)\n--double\n1", "eval\ntanh\x000.5\n-inf\n1e-40\n",
            "show\nelu(alpha=0.5)", "show\ngelu\n--range\n-4:4", "show\nsoftmax", "list\n--bogus", "--help", "--version",
            "train\n--net\n2-4:tanh-2\n--opt\nsgd(lr=0.1,momentum=0.9)\n--save\nx.ckpt\n--save-every\n1",
            "train\n--net\n2-4:relu-2\n--data\nnosuch\n--log\nl.csv\n--instrument\n1",
            "train\n--net\n2-4:tanh-2\n--resume\nm.ckpt", "train\n--net\n2-3:tanh-2\n--resume\nm.ckpt\n--log\nl.jsonl",
            "train\n--net\n2-4:tanh-2\n--sched\ncosine(total=0,min_lr=0,warmup=1)\n--loss\nbce\n--init\northogonal",
            "evaluate\n--model\nm.ckpt\n--data\nxor(n=24)", "evaluate\n--model\nr.ckpt\n--data\nregress(n=24)",
            "evaluate\n--model\nm.ckpt\n--data\ncsv:d.csv",
            "predict\n--model\nm.ckpt\x000.1,0.2\n1,1\n", "predict\n--model\nr.ckpt\x000.5\n",
            "predict\n--model\nm.ckpt\x001,2,3\n", "bogus"]
    for i, c in enumerate(cmds):
        put("cli", "cmd%d" % i, c)

    # ---- dictionaries
    names = sorted({fn["name"] for fn in catalog} | {a["name"] for fn in catalog for a in fn["aliases"]})
    params = sorted({p["name"] for fn in catalog for p in fn["parameters"]})
    words = {
        "fnspec": names + [p + "=" for p in params] + ["(", ")", ",", "inf", "-inf", "nan", "1e308", "tanh", "none"],
        "expr": ["exp(", "expm1(", "log(", "log1p(", "sqrt(", "sin(", "cos(", "tan(", "atan(", "tanh(",
                 "sinh(", "cosh(", "erf(", "erfc(", "abs(", "sign(", "floor(", "min(", "max(", "pi", "inf",
                 "x", "y", "x1", "x2", "<=", ">=", "==", "!=", "&&", "||", "?", ":", "^", "1e308"],
        "netspec": names + ["dropout(p=", "per_unit=1", "input ", "dense ", "act ", "dropout ", ":", "-",
                            "1000000", "softmax", "glu", "maxout(k="],
        "dataspec": ["circles(", "moons(", "spirals(", "xor(", "blobs(", "regress(", "shapeset(", "n=",
                     "noise=", "factor=", "k=", "dim=", "std=", "f=", "lo=", "hi=", "size=", "csv:", "csv(",
                     "label=", "header=", "regression=", "):", "mnist-dir:", "a.csv", "mn", "mz", "sine",
                     "kink", "steep", "chirp", "bump"],
        "csv": [",", "\"", "\\x0d\\x0a", "nan", "inf", "1e39", "-0", "0x1p3", "\\xef\\xbb\\xbf"],
        "idx": ["\\x00\\x00\\x08\\x03", "\\x00\\x00\\x08\\x01", "\\x00\\x00\\x0d\\x03", "\\x1f\\x8b",
                "\\xff\\xff\\xff\\xff", "\\x7f\\xff\\xff\\xff"],
        "ckpt": ["ACTLABCK", "spec=", "loss=", "opt=", "sched=", "seed=", "batch=", "epoch=", "update=",
                 "pos=", "nparams=", "nopt=", "optsteps=", "nperm=", "xent", "mse", "bce"],
        "cli": ["list", "show", "eval", "train", "evaluate", "predict", "--net", "--data", "--init",
                "--bias", "--opt", "--sched", "--loss", "--batch", "--epochs", "--updates", "--seed",
                "--valid", "--test", "--standardize", "--limit", "--log", "--instrument", "--save",
                "--save-every", "--resume", "--quiet", "--model", "--double", "--range", "--help",
                "--json", "--markdown", "m.ckpt", "r.ckpt", "csv:d.csv", "x.ckpt", "l.csv", "l.jsonl",
                "sgd(lr=", "adam(lr=", "adamw(", "step(step=", "cosine(", "warmup=", "momentum=",
                "nesterov=1", "\\x0a", "\\x00"] + names[:40],
    }
    for t, ws in words.items():
        with open(os.path.join(D, t + ".dict"), "w") as f:
            for w in ws:
                f.write('"%s"\n' % w.replace('"', '\\"') if '\\' not in w else '"%s"\n' % w)


if __name__ == "__main__":
    main()
