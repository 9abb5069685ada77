"""threadpoolctl support: gonp's goroutine pool as a controllable thread pool.

threadpoolctl is not imported by ``import gonp``. When it is imported (before
or after gonp), a controller for gonp is registered with it, so that
``threadpoolctl.threadpool_info()`` lists gonp (``user_api="gonp"``) and
``threadpool_limits(limits=n)`` sets gonp's thread count (what
:func:`gonp.set_num_threads` sets) for the ``with`` block.

threadpoolctl finds libraries among those the process has loaded, so the
registration loads gonp's core (starting the Go runtime) if it was not yet
loaded; in a ``fork()`` child where gonp computes with NumPy, nothing is
loaded and gonp is not listed.

Examples
--------
>>> import gonp
>>> from threadpoolctl import threadpool_info, threadpool_limits
>>> [i["internal_api"] for i in threadpool_info() if i["user_api"] == "gonp"]
['gonp']
>>> with threadpool_limits(limits=1):
...     gonp.get_num_threads()
1
"""

from __future__ import annotations

from types import ModuleType

from gonp._importhook import when_imported

_MODULE = "threadpoolctl"
_registered = False


def register(threadpoolctl: ModuleType) -> None:
    """Register gonp's controller with ``threadpoolctl`` (once).

    Parameters
    ----------
    threadpoolctl : module
        The imported ``threadpoolctl`` module.
    """
    global _registered
    if _registered:
        return
    _registered = True

    from gonp import _config, _lib

    class GonpController(threadpoolctl.LibController):  # type: ignore[name-defined,misc]
        """threadpoolctl's view of gonp: its per-call thread count."""

        user_api = "gonp"
        internal_api = "gonp"
        filename_prefixes = ("libgonp",)

        def get_num_threads(self) -> int:
            return _config.get_num_threads()

        def set_num_threads(self, num_threads: int) -> None:
            _config.set_num_threads(num_threads)

        def get_version(self) -> str:
            from gonp import __version__

            return __version__

        def set_additional_attributes(self) -> None:
            try:
                self.simd = _lib.info().get("simd")
            except Exception:  # the facts are extras; listing gonp is what matters
                self.simd = None

    threadpoolctl.register(GonpController)
    if _lib.available():
        _lib.lib()  # threadpoolctl lists loaded libraries only
        threadpoolctl.reset_cached_controller()


def install() -> None:
    """Register with threadpoolctl now if it is imported, else when it is."""
    when_imported(_MODULE, register)
