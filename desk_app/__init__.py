"""工单台 Service Desk: work orders for the front desk of a Chinese service center."""

__version__ = "0.1.0"
