using Microsoft.AspNetCore.Http.Features;

namespace Hexapla.Hosting;

/// <summary>
/// HEAD answers like GET without the body, on every URL that answers GET: the request is routed and handled as a GET
/// whose body goes nowhere, so no endpoint needs to declare HEAD (and none can forget to). Runs before routing.
/// </summary>
internal static class HeadRequests
{
    public static WebApplication UseHeadAsGet(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            if (!HttpMethods.IsHead(http.Request.Method))
            {
                await next(http);
                return;
            }

            var body = http.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
            var counter = new CountingStream();
            http.Request.Method = HttpMethods.Get;
            http.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(counter, body));
            try
            {
                await next(http);

                // A GET whose body was written whole gets its length from the server; the HEAD gets the same.
                if (!http.Response.HasStarted && http.Response.ContentLength is null && !http.Response.Headers.ContainsKey("Transfer-Encoding"))
                {
                    http.Response.ContentLength = counter.Length;
                }
            }
            finally
            {
                // The server sees a HEAD again when it ends the response, so it neither sends nor expects a body.
                http.Features.Set(body);
                http.Request.Method = HttpMethods.Head;
            }
        });
        return app;
    }

    /// <summary>A body that keeps nothing but its length.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            _length += count;
            return Task.CompletedTask;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _length += buffer.Length;
            return ValueTask.CompletedTask;
        }
    }
}
