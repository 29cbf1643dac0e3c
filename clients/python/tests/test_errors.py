"""Problem types map to exception classes; errors carry the problem's fields."""

from __future__ import annotations

import socket

import pytest

import modelgym
from modelgym import errors
from modelgym.transport import Transport, env_path


@pytest.mark.parametrize("kind,cls", sorted(errors.PROBLEM_CLASSES.items()))
def test_problem_type_picks_the_class(kind, cls):
    problem = {
        "type": errors.PROBLEM_BASE + kind,
        "title": "Title",
        "status": 422,
        "detail": "what went wrong",
        "instance": "req-1",
        "errors": [{"pointer": "/body/seed", "message": "must be >= 0"}],
    }
    err = errors.error_from_problem(422, problem)
    assert type(err) is cls and isinstance(err, modelgym.ModelgymError)
    assert (err.status, err.type, err.title, err.detail, err.request_id) == (
        422,
        problem["type"],
        "Title",
        "what went wrong",
        "req-1",
    )
    assert err.errors == problem["errors"] and err.problem == problem
    assert "what went wrong" in str(err) and "/body/seed" in str(err) and "req-1" in str(err)


@pytest.mark.parametrize(
    "status,cls",
    [(404, errors.NotFound), (409, errors.ResetNeeded), (413, errors.PayloadTooLarge), (502, errors.ServerError), (418, errors.ModelgymError)],
)
def test_bodies_that_are_not_problems_map_by_status(status, cls):
    err = errors.error_from_problem(status, "<html>Bad Gateway</html>", request_id="r-9")
    assert type(err) is cls and err.status == status and err.request_id == "r-9" and "Bad Gateway" in err.detail
    unknown = errors.error_from_problem(status, {"type": "https://example.com/other", "title": "Other"})
    assert type(unknown) is cls


def test_validation_error_from_server(cartpole):
    with pytest.raises(modelgym.ValidationError) as caught:
        cartpole.reset(seed=-1)
    err = caught.value
    assert err.status == 422 and isinstance(err, ValueError)
    assert err.errors and err.errors[0]["pointer"] == "/body/seed"
    assert err.request_id


def test_invalid_state_for_tampered_tokens(cartpole):
    cartpole.reset(seed=0)
    token = cartpole.state_token
    for bad in ("garbage", token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")):
        cartpole.state_token = bad
        with pytest.raises(modelgym.InvalidState) as caught:
            cartpole.step(0)
        assert caught.value.status == 400
    cartpole.state_token = token
    cartpole.step(0)


def test_token_of_another_env_is_invalid_state(server_url, cartpole):
    cartpole.reset(seed=0)
    with modelgym.make("Acrobot-v1", server_url) as acrobot:
        acrobot.state_token = cartpole.state_token
        with pytest.raises(modelgym.InvalidState, match="CartPole-v1"):
            acrobot.step(0)


def test_unsupported_media_type(server_url):
    with Transport(server_url, headers={"Content-Type": "text/plain"}) as transport:
        with pytest.raises(modelgym.UnsupportedMediaType) as caught:
            transport.post(env_path("CartPole-v1", "reset"), {"seed": 0})
    assert caught.value.status == 415


def test_payload_too_large(server_url):
    with Transport(server_url) as transport:
        with pytest.raises(modelgym.PayloadTooLarge) as caught:
            transport.post(env_path("CartPole-v1", "reset"), {"options": {"pad": "x" * (9 << 20)}})
    assert caught.value.status == 413


def test_unknown_route_is_not_found(server_url):
    with Transport(server_url) as transport:
        with pytest.raises(modelgym.NotFound) as caught:
            transport.get("/v1/nothing-here")
    assert not isinstance(caught.value, modelgym.UnknownEnv) and caught.value.status == 404


def test_connection_failure_is_transport_error():
    with socket.socket() as s:  # a port that nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(modelgym.TransportError) as caught:
        modelgym.make("CartPole-v1", f"http://127.0.0.1:{port}", timeout=2)
    assert caught.value.status is None and caught.value.__cause__ is not None
