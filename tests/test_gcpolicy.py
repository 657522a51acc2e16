import gc

from mapper.gcpolicy import GC_THRESHOLD, collecting_less


def test_collecting_less_spaces_passes_out_and_restores_the_thresholds():
    before = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        with collecting_less():
            assert gc.get_threshold() == GC_THRESHOLD
        assert gc.get_threshold() == (700, 10, 10)
    finally:
        gc.set_threshold(*before)


def test_thresholds_come_back_when_the_block_raises():
    before = gc.get_threshold()
    try:
        with collecting_less():
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    assert gc.get_threshold() == before
