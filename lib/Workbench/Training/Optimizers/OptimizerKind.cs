namespace Workbench.Training.Optimizers;

/// <summary>The optimizers the trainer builds (TorchSharp's implementations, PyTorch semantics).</summary>
public enum OptimizerKind
{
    /// <summary>Stochastic gradient descent with optional (Nesterov) momentum and L2 weight decay (UCDIR).</summary>
    Sgd,

    /// <summary>Adam with L2 weight decay added to the gradient, as <c>torch.optim.Adam</c> (SPQ: lr 3e-4, wd 1e-5).</summary>
    Adam,

    /// <summary>RMSprop as <c>torch.optim.RMSprop</c> (facility-location DML; note TF1's RMSProp puts eps inside the root).</summary>
    RmsProp,
}
