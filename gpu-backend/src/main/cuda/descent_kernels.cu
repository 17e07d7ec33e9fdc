/*
 * descent: the CUDA kernels of the io.descent.cuda backend.
 *
 * Compiled to PTX by build-ptx.sh (the PTX ships as a resource and is loaded with
 * cuModuleLoadData); compiled at run time with NVRTC when the driver refuses that PTX. The file
 * therefore includes no header: NVRTC has no standard library on its include path.
 *
 * Conventions, shared with io.descent.cuda.LaunchGeometry:
 *   - every element loop is a grid-stride loop over 64-bit indices, so any launch geometry
 *     covers any length, including lengths past 2^31;
 *   - reductions run on exactly REDUCE_BLOCKS blocks of REDUCE_THREADS threads and combine
 *     partial sums in a fixed tree, so their result depends on the data and the length only;
 *   - sums accumulate in double for both precisions.
 */

#define REDUCE_THREADS 256
#define REDUCE_BLOCKS 1024
#define ROW_CACHE 2048

typedef long long i64;

__device__ __forceinline__ i64 firstIndex()
{
    return (i64)blockIdx.x * blockDim.x + threadIdx.x;
}

__device__ __forceinline__ i64 gridStride()
{
    return (i64)gridDim.x * blockDim.x;
}

/* Sums buf[0 .. REDUCE_THREADS) into buf[0] in a fixed pairwise order; all threads take part. */
__device__ void blockSum(double* buf)
{
    __syncthreads();
    for (int half = REDUCE_THREADS / 2; half > 0; half >>= 1)
    {
        if (threadIdx.x < half)
        {
            buf[threadIdx.x] += buf[threadIdx.x + half];
        }
        __syncthreads();
    }
}

/* ---------------------------------------------------------------- updates (fused) */

template <typename T>
__device__ void updatePlain(T* theta, const T* grad, i64 n, T lr, T wd, int maximize)
{
    for (i64 i = firstIndex(); i < n; i += gridStride())
    {
        const T p = theta[i];
        T g = maximize ? -grad[i] : grad[i];
        g = g + wd * p;
        theta[i] = p - lr * g;
    }
}

template <typename T>
__device__ void updateMomentum(
    T* theta, const T* grad, T* buf, i64 n, T lr, T mu, T oneMinusDamp, T wd, int nesterov,
    int maximize, int firstStep)
{
    for (i64 i = firstIndex(); i < n; i += gridStride())
    {
        const T p = theta[i];
        T g = maximize ? -grad[i] : grad[i];
        g = g + wd * p;
        const T b = firstStep ? g : mu * buf[i] + oneMinusDamp * g;
        const T d = nesterov ? g + mu * b : b;
        buf[i] = b;
        theta[i] = p - lr * d;
    }
}

template <typename T>
__device__ void updateEma(T* theta, const T* grad, T* buf, i64 n, T lr, T beta, T wd, int maximize)
{
    const T oneMinusBeta = (T)1 - beta;
    for (i64 i = firstIndex(); i < n; i += gridStride())
    {
        const T p = theta[i];
        T g = maximize ? -grad[i] : grad[i];
        g = g + wd * p;
        const T b = beta * buf[i] + oneMinusBeta * g;
        buf[i] = b;
        theta[i] = p - lr * b;
    }
}

template <typename T>
__device__ void updateVelocity(
    T* theta, const T* grad, T* vel, i64 n, T lr, T mu, T wd, int nesterov, int maximize)
{
    for (i64 i = firstIndex(); i < n; i += gridStride())
    {
        const T p = theta[i];
        T g = maximize ? -grad[i] : grad[i];
        g = g + wd * p;
        const T v = mu * vel[i] - lr * g;
        vel[i] = v;
        theta[i] = nesterov ? p + mu * v - lr * g : p + v;
    }
}

template <typename T>
__device__ void fill(T* a, i64 n, T value)
{
    for (i64 i = firstIndex(); i < n; i += gridStride())
    {
        a[i] = value;
    }
}

/* ---------------------------------------------------------------- reductions */

/* partial[blockIdx.x] = sum of a[i]*b[i] over this block's share; launch REDUCE_BLOCKS blocks. */
template <typename T>
__device__ void dotPartial(const T* a, const T* b, i64 n, double* partial)
{
    __shared__ double buf[REDUCE_THREADS];
    double acc = 0.0;
    for (i64 i = firstIndex(); i < n; i += gridStride())
    {
        acc += (double)a[i] * (double)b[i];
    }
    buf[threadIdx.x] = acc;
    blockSum(buf);
    if (threadIdx.x == 0)
    {
        partial[blockIdx.x] = buf[0];
    }
}

/* x - x is 0 for every finite x and NaN for NaN and both infinities. */
template <typename T>
__device__ void nonFinitePartial(const T* a, i64 n, double* partial)
{
    __shared__ double buf[REDUCE_THREADS];
    double count = 0.0;
    for (i64 i = firstIndex(); i < n; i += gridStride())
    {
        const T x = a[i];
        count += (x - x == (T)0) ? 0.0 : 1.0;
    }
    buf[threadIdx.x] = count;
    blockSum(buf);
    if (threadIdx.x == 0)
    {
        partial[blockIdx.x] = buf[0];
    }
}

/*
 * out[blockIdx.x] = sum of partial[blockIdx.x * count + k] for k < count, in a fixed order:
 * one block per row of partial sums, REDUCE_THREADS threads.
 */
extern "C" __global__ void sum_partials(const double* partial, int count, double* out)
{
    __shared__ double buf[REDUCE_THREADS];
    const double* row = partial + (i64)blockIdx.x * count;
    double acc = 0.0;
    for (int k = threadIdx.x; k < count; k += REDUCE_THREADS)
    {
        acc += row[k];
    }
    buf[threadIdx.x] = acc;
    blockSum(buf);
    if (threadIdx.x == 0)
    {
        out[blockIdx.x] = buf[0];
    }
}

/* ---------------------------------------------------------------- models */

__device__ double sigmoid(double z)
{
    const double e = exp(-fabs(z));
    return z >= 0.0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
}

/* max(z, 0) + log1p(e^{-|z|}) - y*z: finite for every finite z. */
__device__ double logisticLoss(double z, double y)
{
    return fmax(z, 0.0) + log1p(exp(-fabs(z))) - y * z;
}

/* Row number of the k-th selected row: from + k for a range, idx[from + k] for indices. */
__device__ __forceinline__ i64 selectedRow(int k, int from, const int* idx)
{
    return idx == 0 ? (i64)from + k : (i64)idx[from + k];
}

/*
 * Single-pass fused loss and gradient. Block c of gridDim.x handles the selected rows
 * [c*m/C, (c+1)*m/C) in order; for each row it forms z = x.w + c0 (block sum, fixed tree), the
 * residual e and the loss term, and adds e*x[j] to its own slice of partial, which has
 * cols + 2 doubles per block (gradient, intercept, loss). The row is read from memory once and
 * kept in shared memory while it is used twice, when it has at most ROW_CACHE columns.
 * No two blocks write the same partial slot, so the result depends on C and m, never on timing.
 */
template <typename T>
__device__ void gradFused(
    const T* x, const T* y, const T* params, int cols, int m, int from, const int* idx,
    int logistic, double* partial)
{
    __shared__ double buf[REDUCE_THREADS];
    __shared__ double row[ROW_CACHE];
    const int stride = cols + 2;
    double* mine = partial + (i64)blockIdx.x * stride;
    for (int j = threadIdx.x; j < stride; j += REDUCE_THREADS)
    {
        mine[j] = 0.0;
    }
    const int begin = (int)(((i64)m * blockIdx.x) / gridDim.x);
    const int end = (int)(((i64)m * (blockIdx.x + 1)) / gridDim.x);
    const bool cached = cols <= ROW_CACHE;
    const double intercept = (double)params[cols];
    for (int k = begin; k < end; k++)
    {
        const i64 r = selectedRow(k, from, idx);
        const T* xr = x + r * cols;
        double acc = 0.0;
        for (int j = threadIdx.x; j < cols; j += REDUCE_THREADS)
        {
            const double v = (double)xr[j];
            if (cached)
            {
                row[j] = v;
            }
            acc += v * (double)params[j];
        }
        buf[threadIdx.x] = acc;
        blockSum(buf);
        const double z = buf[0] + intercept;
        const double yr = (double)y[r];
        const double e = logistic ? sigmoid(z) - yr : z - yr;
        for (int j = threadIdx.x; j < cols; j += REDUCE_THREADS)
        {
            mine[j] += e * (cached ? row[j] : (double)xr[j]);
        }
        if (threadIdx.x == 0)
        {
            mine[cols] += e;
            mine[cols + 1] += logistic ? logisticLoss(z, yr) : 0.5 * e * e;
        }
        __syncthreads();
    }
}

/*
 * grad[j] = invM * sum over blocks of partial[c*(cols+2) + j] for j <= cols, in block order;
 * loss[0] = invM * the same sum for j = cols + 1. One thread per column.
 */
template <typename T>
__device__ void gradFinish(const double* partial, int chunks, int cols, double invM, T* grad, double* loss)
{
    const int stride = cols + 2;
    for (i64 j = firstIndex(); j < stride; j += gridStride())
    {
        double s = 0.0;
        for (int c = 0; c < chunks; c++)
        {
            s += partial[(i64)c * stride + j];
        }
        if (j <= cols)
        {
            grad[j] = (T)(s * invM);
        }
        else
        {
            loss[0] = s * invM;
        }
    }
}

/*
 * For the cuBLAS path, after z = X w over the selected row range: e[k] = residual of row
 * from + k, written in T for the second GEMV; partial[2*blockIdx.x] and
 * partial[2*blockIdx.x + 1] receive the block's sums of e and of the loss terms, the layout
 * grad_finish reads with cols = 0. Launch REDUCE_BLOCKS blocks.
 */
template <typename T>
__device__ void residual(
    const T* z, const T* y, const T* params, int cols, int m, int from, int logistic, T* e,
    double* partial)
{
    __shared__ double bufE[REDUCE_THREADS];
    __shared__ double bufL[REDUCE_THREADS];
    const double intercept = (double)params[cols];
    double sumE = 0.0;
    double sumL = 0.0;
    for (i64 k = firstIndex(); k < m; k += gridStride())
    {
        const double zk = (double)z[k] + intercept;
        const double yk = (double)y[from + k];
        const double ek = logistic ? sigmoid(zk) - yk : zk - yk;
        e[k] = (T)ek;
        sumE += ek;
        sumL += logistic ? logisticLoss(zk, yk) : 0.5 * ek * ek;
    }
    bufE[threadIdx.x] = sumE;
    bufL[threadIdx.x] = sumL;
    blockSum(bufE);
    blockSum(bufL);
    if (threadIdx.x == 0)
    {
        partial[2 * blockIdx.x] = bufE[0];
        partial[2 * blockIdx.x + 1] = bufL[0];
    }
}

/* out[i] = z_i = x_i . w + c, or sigma(z_i) when logistic; one thread per row, columns in order. */
template <typename T>
__device__ void predict(const T* x, const T* params, int rows, int cols, int logistic, T* out)
{
    for (i64 i = firstIndex(); i < rows; i += gridStride())
    {
        const T* xr = x + i * cols;
        double acc = 0.0;
        for (int j = 0; j < cols; j++)
        {
            acc += (double)xr[j] * (double)params[j];
        }
        const double z = acc + (double)params[cols];
        out[i] = (T)(logistic ? sigmoid(z) : z);
    }
}

/* ---------------------------------------------------------------- entry points */

#define DESCENT_KERNELS(T, S)                                                                   \
extern "C" __global__ void update_plain_##S(T* theta, const T* grad, i64 n, T lr, T wd,          \
    int maximize)                                                                               \
{                                                                                               \
    updatePlain<T>(theta, grad, n, lr, wd, maximize);                                           \
}                                                                                               \
extern "C" __global__ void update_momentum_##S(T* theta, const T* grad, T* buf, i64 n, T lr,     \
    T mu, T oneMinusDamp, T wd, int nesterov, int maximize, int firstStep)                      \
{                                                                                               \
    updateMomentum<T>(theta, grad, buf, n, lr, mu, oneMinusDamp, wd, nesterov, maximize,        \
        firstStep);                                                                             \
}                                                                                               \
extern "C" __global__ void update_ema_##S(T* theta, const T* grad, T* buf, i64 n, T lr, T beta,  \
    T wd, int maximize)                                                                         \
{                                                                                               \
    updateEma<T>(theta, grad, buf, n, lr, beta, wd, maximize);                                  \
}                                                                                               \
extern "C" __global__ void update_velocity_##S(T* theta, const T* grad, T* vel, i64 n, T lr,     \
    T mu, T wd, int nesterov, int maximize)                                                     \
{                                                                                               \
    updateVelocity<T>(theta, grad, vel, n, lr, mu, wd, nesterov, maximize);                     \
}                                                                                               \
extern "C" __global__ void fill_##S(T* a, i64 n, T value)                                        \
{                                                                                               \
    fill<T>(a, n, value);                                                                       \
}                                                                                               \
extern "C" __global__ void dot_partial_##S(const T* a, const T* b, i64 n, double* partial)       \
{                                                                                               \
    dotPartial<T>(a, b, n, partial);                                                            \
}                                                                                               \
extern "C" __global__ void nonfinite_partial_##S(const T* a, i64 n, double* partial)             \
{                                                                                               \
    nonFinitePartial<T>(a, n, partial);                                                         \
}                                                                                               \
extern "C" __global__ void grad_fused_##S(const T* x, const T* y, const T* params, int cols,     \
    int m, int from, const int* idx, int logistic, double* partial)                             \
{                                                                                               \
    gradFused<T>(x, y, params, cols, m, from, idx, logistic, partial);                          \
}                                                                                               \
extern "C" __global__ void grad_finish_##S(const double* partial, int chunks, int cols,          \
    double invM, T* grad, double* loss)                                                         \
{                                                                                               \
    gradFinish<T>(partial, chunks, cols, invM, grad, loss);                                     \
}                                                                                               \
extern "C" __global__ void residual_##S(const T* z, const T* y, const T* params, int cols,       \
    int m, int from, int logistic, T* e, double* partial)                                       \
{                                                                                               \
    residual<T>(z, y, params, cols, m, from, logistic, e, partial);                             \
}                                                                                               \
extern "C" __global__ void predict_##S(const T* x, const T* params, int rows, int cols,          \
    int logistic, T* out)                                                                       \
{                                                                                               \
    predict<T>(x, params, rows, cols, logistic, out);                                           \
}

DESCENT_KERNELS(float, f32)
DESCENT_KERNELS(double, f64)
