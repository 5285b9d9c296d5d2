"""Read a TensorFlow V2 checkpoint (variables.index + variables.data-*) without TensorFlow.

variables.index is a LevelDB-style SSTable (TensorFlow's table format): a footer pointing at an index
block, whose entries point at data blocks; each data-block entry maps a tensor name to a serialized
BundleEntryProto (dtype, shape, shard_id, offset, size). The empty key holds the BundleHeaderProto.
Blocks are uncompressed here (TensorFlow writes bundles with kNoCompression); a 5-byte trailer
(type + crc) follows each block.
"""
import struct
import numpy as np

MAGIC = 0xdb4775248b80fb57
DTYPES = {1: np.float32, 2: np.float64, 3: np.int32, 9: np.int64, 10: np.bool_}


def varint(buf, pos):
    shift = 0
    out = 0
    while True:
        b = buf[pos]
        pos += 1
        out |= (b & 0x7F) << shift
        if b < 0x80:
            return out, pos
        shift += 7


def block_entries(buf, offset, size):
    """Yield (key, value) of one block (prefix-compressed keys, restart array at its end)."""
    block = buf[offset:offset + size]
    if buf[offset + size] != 0:
        raise ValueError('compressed block: not supported')
    num_restarts = struct.unpack_from('<I', block, len(block) - 4)[0]
    end = len(block) - 4 - 4 * num_restarts
    pos = 0
    key = b''
    while pos < end:
        shared, pos = varint(block, pos)
        non_shared, pos = varint(block, pos)
        vlen, pos = varint(block, pos)
        key = key[:shared] + bytes(block[pos:pos + non_shared])
        pos += non_shared
        yield key, bytes(block[pos:pos + vlen])
        pos += vlen


def proto_fields(buf):
    """Minimal protobuf wire-format reader: yields (field number, wire type, value)."""
    pos = 0
    while pos < len(buf):
        tag, pos = varint(buf, pos)
        field, wt = tag >> 3, tag & 7
        if wt == 0:
            v, pos = varint(buf, pos)
        elif wt == 1:
            v = struct.unpack_from('<Q', buf, pos)[0]
            pos += 8
        elif wt == 2:
            n, pos = varint(buf, pos)
            v = buf[pos:pos + n]
            pos += n
        elif wt == 5:
            v = struct.unpack_from('<I', buf, pos)[0]
            pos += 4
        else:
            raise ValueError(f'wire type {wt}')
        yield field, wt, v


def bundle_entry(value):
    """BundleEntryProto: dtype=1, shape=2 (TensorShapeProto: dim=2 {size=1}), shard_id=3, offset=4, size=5."""
    e = {'dtype': 0, 'shape': [], 'shard': 0, 'offset': 0, 'size': 0}
    for f, _, v in proto_fields(value):
        if f == 1:
            e['dtype'] = v
        elif f == 2:
            for f2, _, dim in proto_fields(v):
                if f2 == 2:
                    size = 0
                    for f3, _, s in proto_fields(dim):
                        if f3 == 1:
                            size = s
                    e['shape'].append(size)
        elif f == 3:
            e['shard'] = v
        elif f == 4:
            e['offset'] = v
        elif f == 5:
            e['size'] = v
    return e


def read_index(path):
    buf = memoryview(open(path, 'rb').read())
    footer = buf[len(buf) - 48:]
    if struct.unpack_from('<Q', footer, 40)[0] != MAGIC:
        raise ValueError('not an SSTable')
    pos = 0
    _, pos = varint(footer, pos)  # metaindex offset
    _, pos = varint(footer, pos)  # metaindex size
    idx_off, pos = varint(footer, pos)
    idx_size, pos = varint(footer, pos)
    entries = {}
    for _, handle in block_entries(buf, idx_off, idx_size):
        off, p = varint(handle, 0)
        size, _ = varint(handle, p)
        for key, value in block_entries(buf, off, size):
            if key:
                entries[key.decode()] = bundle_entry(value)
    return entries


def load_checkpoint(prefix):
    """prefix = .../variables/variables → {name: np.ndarray} for every float/int tensor."""
    entries = read_index(prefix + '.index')
    shards = {}
    out = {}
    for name, e in entries.items():
        if e['dtype'] not in DTYPES:
            continue
        shard = e['shard']
        if shard not in shards:
            import glob
            files = sorted(glob.glob(prefix + '.data-*'))
            shards[shard] = np.memmap(files[shard], dtype=np.uint8, mode='r')
        raw = shards[shard][e['offset']:e['offset'] + e['size']]
        out[name] = np.frombuffer(raw.tobytes(), dtype=DTYPES[e['dtype']]).reshape(e['shape'])
    return out


if __name__ == '__main__':
    import sys
    for name, e in sorted(read_index(sys.argv[1] + '.index').items()):
        print(name, e['dtype'], e['shape'], e['size'])
